package io.edarouter.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.edarouter.broker.BatchingProducer;
import io.edarouter.broker.BrokerHeaders;
import io.edarouter.store.camel.EventStoreConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends the message's body to the stream with {@code PutRecords}, keyed by the stored event's stream (so a stream's
 * events land in one shard, in order), else by header {@value BrokerHeaders#KINESIS_PARTITION_KEY}; a body that is a
 * list sends one record per element. Asynchronous and coalescing ({@link BatchingProducer}): the copies eda-dispatch
 * hands over together go out in calls of at most {@value #MAX_RECORDS} records and 5 MiB (partition keys included),
 * one call after the other; a record Kinesis refuses (e.g. {@code ProvisionedThroughputExceededException}) fails its
 * exchange with its own code and message, and the records after it are not sent, so the retried batch sends them
 * again in order (the ones stored before stay: the stream may hold an event twice, the store keeps it once).
 */
final class KinesisProducer extends BatchingProducer<PutRecordsRequestEntry> {

    /** PutRecords' limits: records per call, bytes per call and per record (data and partition key). */
    static final int MAX_RECORDS = 500;
    private static final long MAX_CALL_BYTES = 5L * 1024 * 1024;
    private static final long MAX_RECORD_BYTES = 1024 * 1024;

    KinesisProducer(KinesisEndpoint endpoint) {
        super(endpoint, MAX_RECORDS, MAX_CALL_BYTES);
    }

    @Override
    public KinesisEndpoint getEndpoint() {
        return (KinesisEndpoint) super.getEndpoint();
    }

    @Override
    protected String target() {
        return KinesisComponent.SCHEME + ":" + getEndpoint().getConfiguration().getStream();
    }

    @Override
    protected List<PutRecordsRequestEntry> records(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String key = partitionKey(message);
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(target() + ": a record needs a partition key: header "
                    + EventStoreConstants.STREAM + " (a stored event's stream) or " + BrokerHeaders.KINESIS_PARTITION_KEY);
        }
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        List<?> bodies = message.getBody() instanceof List<?> list ? list : List.of(message.getBody(byte[].class));
        for (Object body : bodies) {
            byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
            PutRecordsRequestEntry entry = PutRecordsRequestEntry.builder().partitionKey(key)
                    .data(SdkBytes.fromByteArray(bytes)).build();
            if (size(entry) > MAX_RECORD_BYTES) {
                // Kinesis would refuse the whole call, not just this record
                throw new IllegalArgumentException(target() + ": a record of " + size(entry) + " bytes (stream " + key
                        + ") is over Kinesis' limit of " + MAX_RECORD_BYTES + " bytes");
            }
            entries.add(entry);
        }
        return entries;
    }

    @Override
    protected long size(PutRecordsRequestEntry record) {
        return record.data().asByteArrayUnsafe().length + record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    protected List<String> send(List<PutRecordsRequestEntry> records) {
        PutRecordsResponse response = getEndpoint().getComponent().client()
                .putRecords(request -> request.streamName(getEndpoint().getConfiguration().getStream()).records(records));
        List<String> errors = new ArrayList<>(records.size());
        for (PutRecordsResultEntry result : response.records()) {
            errors.add(result.errorCode() == null ? null : result.errorCode() + ": " + result.errorMessage());
        }
        return errors;
    }

    /**
     * The stored event's stream (what eda-dispatch sends carries it), else the partition key header (a record sent
     * on as it came, such as a dead letter, keeps its own).
     */
    private static String partitionKey(Message message) {
        String stream = message.getHeader(EventStoreConstants.STREAM, String.class);
        return stream != null ? stream : message.getHeader(BrokerHeaders.KINESIS_PARTITION_KEY, String.class);
    }
}
