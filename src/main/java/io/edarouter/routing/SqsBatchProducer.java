package io.edarouter.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edarouter.broker.BatchingProducer;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.component.aws2.sqs.Sqs2MessageHelper;
import org.apache.camel.component.aws2.sqs.Sqs2Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * eda-dispatch's producer for a subscriber's {@code aws2-sqs:} queue: the copies of one batch go out with
 * {@code SendMessageBatch}, at most {@value #MAX_MESSAGES} messages and 256 KiB a call ({@link BatchingProducer}),
 * each message as camel-aws2-sqs's producer would send it alone (body as text, the headers its filter lets through
 * as attributes, at most 10, the delay, and on a FIFO queue the stream as {@code MessageGroupId} and the eventId as
 * {@code MessageDeduplicationId}, {@link SqsFifoTargets}). camel-aws2-sqs's own {@code sendBatchMessage} takes one
 * exchange holding many bodies and answers it once; a failed entry would not fail the copy it came from. A route's
 * {@code to: aws2-sqs:...} keeps camel-aws2-sqs's producer.
 */
final class SqsBatchProducer extends BatchingProducer<SendMessageBatchRequestEntry> {

    /** SendMessageBatch's limits: messages per call, bytes per call (bodies and attributes). */
    static final int MAX_MESSAGES = 10;
    private static final long MAX_CALL_BYTES = 256 * 1024;
    /** The most message attributes SQS takes. */
    private static final int MAX_ATTRIBUTES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchProducer.class);

    private final Sqs2Endpoint endpoint;
    private String queueUrl;
    /** Whether a message with more headers than SQS takes was logged already: once per target, not per event. */
    private final AtomicBoolean warnedAttributes = new AtomicBoolean();

    SqsBatchProducer(Sqs2Endpoint endpoint) {
        super(endpoint, MAX_MESSAGES, MAX_CALL_BYTES);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        queueUrl = new QueueUrl(endpoint).get();
    }

    @Override
    protected String target() {
        return "aws2-sqs:" + endpoint.getConfiguration().getQueueName();
    }

    @Override
    protected List<SendMessageBatchRequestEntry> records(Exchange exchange) throws Exception {
        Sqs2Configuration configuration = endpoint.getConfiguration();
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .messageBody(exchange.getMessage().getMandatoryBody(String.class))
                .messageAttributes(attributes(exchange));
        Integer delay = exchange.getMessage().getHeader(Sqs2Constants.DELAY_HEADER, Integer.class);
        delay = delay != null ? delay : configuration.getDelaySeconds();
        if (delay != null) {
            entry.delaySeconds(delay);
        }
        if (SqsFifoTargets.isFifo(configuration)) {
            entry.messageGroupId(configuration.getMessageGroupIdStrategy().getMessageGroupId(exchange));
            entry.messageDeduplicationId(configuration.getMessageDeduplicationIdStrategy().getMessageDeduplicationId(exchange));
        }
        return List.of(entry.build());
    }

    /**
     * The headers camel-aws2-sqs's filter lets through, the first ten, as its producer makes them; more fail the
     * send when the endpoint's {@code messageHeaderExceededLimit} is FAIL, else are left out.
     */
    private Map<String, MessageAttributeValue> attributes(Exchange exchange) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        HeaderFilterStrategy filter = endpoint.getHeaderFilterStrategy();
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            if (filter.applyFilterToCamelHeaders(header.getKey(), header.getValue(), exchange)) {
                continue;
            }
            if (attributes.size() == MAX_ATTRIBUTES) {
                String action = endpoint.getConfiguration().getMessageHeaderExceededLimit();
                if ("FAIL".equalsIgnoreCase(action)) {
                    throw new IllegalArgumentException(target() + ": a message takes at most " + MAX_ATTRIBUTES
                            + " attributes; header " + header.getKey() + " is one more (messageHeaderExceededLimit=FAIL)");
                }
                if (!"IGNORE".equalsIgnoreCase(action) && warnedAttributes.compareAndSet(false, true)) {
                    LOG.warn("{}: a message takes at most {} attributes; header {} and those after it are left out"
                            + " (logged once)", target(), MAX_ATTRIBUTES, header.getKey());
                }
                break;
            }
            MessageAttributeValue value = Sqs2MessageHelper.toMessageAttributeValue(header.getValue());
            if (value != null) {
                attributes.put(header.getKey(), value);
            }
        }
        return attributes;
    }

    @Override
    protected long size(SendMessageBatchRequestEntry record) {
        long bytes = record.messageBody().getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> attribute : record.messageAttributes().entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            bytes += attribute.getKey().getBytes(StandardCharsets.UTF_8).length
                    + value.dataType().getBytes(StandardCharsets.UTF_8).length
                    + (value.stringValue() != null ? value.stringValue().getBytes(StandardCharsets.UTF_8).length : 0)
                    + (value.binaryValue() != null ? value.binaryValue().asByteArrayUnsafe().length : 0);
        }
        return bytes;
    }

    @Override
    protected List<String> send(List<SendMessageBatchRequestEntry> records) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            // an entry's id only needs to be unique within its call: its position
            entries.add(records.get(i).toBuilder().id(Integer.toString(i)).build());
        }
        SendMessageBatchResponse response = endpoint.getClient()
                .sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        Map<String, String> failed = new HashMap<>();
        for (BatchResultErrorEntry error : response.failed()) {
            failed.put(error.id(), error.code() + ": " + error.message());
        }
        List<String> errors = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            errors.add(failed.get(Integer.toString(i)));
        }
        return errors;
    }

    /** The queue URL the endpoint resolved (or created the queue for) when it started; camel-aws2-sqs keeps it protected. */
    private static final class QueueUrl extends Sqs2Producer {
        QueueUrl(Sqs2Endpoint endpoint) {
            super(endpoint);
        }

        String get() {
            return getQueueUrl();
        }
    }
}
