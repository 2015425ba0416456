package io.edarouter.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;

/**
 * Amazon SQS: deletes the messages of a completed batch from their queue (DeleteMessageBatch, ten receipt handles a
 * request, the most SQS takes); the messages of a failed batch are left alone, so SQS delivers them again once their
 * visibility timeout is over, as it does the messages of a router that crashed. Needs the consumer's
 * {@code deleteAfterRead=false} (camel-aws2-sqs would otherwise delete each message as soon as it is handed over).
 * On a FIFO queue, SQS hands out no later message of a message group while an earlier one is received and not
 * deleted: deleting only here is what keeps a stream in order across router instances.
 */
final class SqsAcknowledgement implements InputAcknowledgement {

    /** The most entries SQS takes in one DeleteMessageBatch request. */
    static final int MAX_BATCH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SqsAcknowledgement.class);
    private static final ThrottledLog DELETE_FAILED = new ThrottledLog(LOG, Level.WARN, "SQS messages not deleted");
    /** The queue URL of each consuming endpoint (camel-aws2-sqs keeps its own out of reach). */
    private static final Map<Sqs2Endpoint, String> QUEUE_URLS = new ConcurrentHashMap<>();

    @Override
    public List<Message> completed(List<Message> records, CamelContext context) {
        Map<Sqs2Endpoint, List<Message>> byQueue = new LinkedHashMap<>();
        List<Message> others = null;
        for (Message record : records) {
            if (BrokerHeaders.sqsReceiptHandle(record) != null && endpoint(record) instanceof Sqs2Endpoint sqs) {
                byQueue.computeIfAbsent(sqs, queue -> new ArrayList<>()).add(record);
            } else {
                others = InputAcknowledgement.notMine(others, record);
            }
        }
        byQueue.forEach((endpoint, messages) -> {
            for (int from = 0; from < messages.size(); from += MAX_BATCH) {
                delete(endpoint, messages.subList(from, Math.min(messages.size(), from + MAX_BATCH)), context);
            }
        });
        return InputAcknowledgement.handedOn(others);
    }

    @Override
    public List<Message> failed(List<Message> records, CamelContext context) {
        // nothing deleted: SQS delivers the messages again when their visibility timeout is over
        List<Message> others = null;
        for (Message record : records) {
            if (BrokerHeaders.sqsReceiptHandle(record) == null || !(endpoint(record) instanceof Sqs2Endpoint)) {
                others = InputAcknowledgement.notMine(others, record);
            }
        }
        return InputAcknowledgement.handedOn(others);
    }

    /** The name of the queue a received message came from, as its consumer's endpoint names it. */
    static String queueName(Message record) {
        return endpoint(record) instanceof Sqs2Endpoint sqs ? sqs.getConfiguration().getQueueName() : "sqs";
    }

    private static Object endpoint(Message record) {
        return record.getExchange() == null ? null : record.getExchange().getFromEndpoint();
    }

    private static void delete(Sqs2Endpoint endpoint, List<Message> messages, CamelContext context) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(BrokerHeaders.sqsReceiptHandle(messages.get(i))).build());
        }
        String queue = endpoint.getConfiguration().getQueueName();
        try {
            DeleteMessageBatchResponse response = endpoint.getClient().deleteMessageBatch(DeleteMessageBatchRequest.builder()
                    .queueUrl(queueUrl(endpoint)).entries(entries).build());
            if (response.hasFailed() && !response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().get(0);
                failed(context, response.failed().size(), queue,
                        messages.get(Integer.parseInt(first.id())).getHeader(BrokerHeaders.SQS_MESSAGE_ID, String.class),
                        first.code() + " " + first.message());
            }
        } catch (RuntimeException e) {
            failed(context, messages.size(), queue, messages.get(0).getHeader(BrokerHeaders.SQS_MESSAGE_ID, String.class),
                    e.getMessage());
        }
    }

    /** SQS delivers a message not deleted again after its visibility timeout; the store keeps its event once. */
    private static void failed(CamelContext context, int count, String queue, String firstId, String reason) {
        EdaMeters.registry(context).counter(EdaMeters.INGEST_ACK_FAILED).increment(count);
        DELETE_FAILED.occurred("could not delete {} SQS messages of {} (the first {}): {}", count, queue, firstId, reason);
    }

    private static String queueUrl(Sqs2Endpoint endpoint) {
        return QUEUE_URLS.computeIfAbsent(endpoint, sqs -> {
            Sqs2Configuration configuration = sqs.getConfiguration();
            if (configuration.getQueueUrl() != null) {
                return configuration.getQueueUrl();
            }
            GetQueueUrlRequest.Builder request = GetQueueUrlRequest.builder().queueName(configuration.getQueueName());
            if (configuration.getQueueOwnerAWSAccountId() != null) {
                request.queueOwnerAWSAccountId(configuration.getQueueOwnerAWSAccountId());
            }
            return sqs.getClient().getQueueUrl(request.build()).queueUrl();
        });
    }
}
