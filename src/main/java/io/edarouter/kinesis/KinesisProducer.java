package io.edarouter.kinesis;

import java.util.ArrayList;
import java.util.List;

import io.edarouter.broker.BrokerHeaders;
import io.edarouter.store.camel.EventStoreConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Sends the message's body to the stream with {@code PutRecords}, keyed by the stored event's stream (so a stream's
 * events land in one shard, in order), else by header {@value BrokerHeaders#KINESIS_PARTITION_KEY}; a body that is a list sends one record per element, in one call. Synchronous: the exchange
 * completes once Kinesis stored every record, and fails naming the first refused one otherwise (PutRecords is not
 * atomic: the others are stored, and sent again with the exchange's retry).
 */
final class KinesisProducer extends DefaultProducer {

    KinesisProducer(KinesisEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public KinesisEndpoint getEndpoint() {
        return (KinesisEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String stream = getEndpoint().getConfiguration().getStream();
        String key = partitionKey(message);
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("eda-kinesis:" + stream + ": a record needs a partition key: header "
                    + EventStoreConstants.STREAM + " (a stored event's stream) or " + BrokerHeaders.KINESIS_PARTITION_KEY);
        }
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        List<?> bodies = message.getBody() instanceof List<?> list ? list : List.of(message.getBody(byte[].class));
        for (Object body : bodies) {
            byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
            entries.add(PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromByteArray(bytes)).build());
        }
        PutRecordsResponse response = getEndpoint().getComponent().client()
                .putRecords(request -> request.streamName(stream).records(entries));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            PutRecordsResultEntry refused = response.records().stream().filter(r -> r.errorCode() != null).findFirst()
                    .orElseThrow();
            throw new IllegalStateException("eda-kinesis:" + stream + ": " + response.failedRecordCount() + " of "
                    + entries.size() + " records refused, first: " + refused.errorCode() + ": " + refused.errorMessage());
        }
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
