package io.edarouter.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Kafka: commits, synchronously, the offset of the last record of each partition of the batch; a failed batch is
 * not committed, so the consumer reads it again from the last commit. Needs {@code allowManualCommit=true},
 * {@code autoCommitEnable=false} and the synchronous {@code DefaultKafkaManualCommitFactory} (Camel 4.18's batch
 * auto-commit and manual async commit lose records on a crash, CAMEL-23994).
 */
final class KafkaAcknowledgement implements InputAcknowledgement {

    @Override
    public void completed(List<Message> records, CamelContext context) {
        Map<String, KafkaManualCommit> lastOfPartition = new LinkedHashMap<>();
        for (Message record : records) {
            KafkaManualCommit commit = BrokerHeaders.kafkaCommit(record);
            if (commit != null) {
                lastOfPartition.put(RecordSource.of(record).map(from -> from.topic() + "-" + from.partition()).orElse(""),
                        commit);
            }
        }
        // on the consumer's thread, before it polls again (the exchange runs on it)
        lastOfPartition.values().forEach(KafkaManualCommit::commit);
    }

    @Override
    public void failed(List<Message> records, CamelContext context) {
        // nothing committed: the consumer seeks back to the last commit and reads the batch again
    }
}
