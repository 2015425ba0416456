package io.edarouter.broker;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka: commits, synchronously, the offset of the last record of each partition of the batch; a failed batch is
 * not committed, so the consumer reads it again from the last commit. Needs {@code allowManualCommit=true},
 * {@code autoCommitEnable=false} and the synchronous {@code DefaultKafkaManualCommitFactory} (Camel 4.18's batch
 * auto-commit and manual async commit lose records on a crash, CAMEL-23994).
 *
 * <p>The partitions a consumer read the batch from are committed in one {@code commitSync} (one round trip to the
 * group coordinator, where each record's own handle would take one per partition), with the offsets and the time-out
 * that handle's {@code commit()} would use.
 */
final class KafkaAcknowledgement implements InputAcknowledgement {

    @Override
    public void completed(List<Message> records, CamelContext context) {
        Map<Consumer<?, ?>, Map<TopicPartition, OffsetAndMetadata>> byConsumer = new IdentityHashMap<>();
        Map<Consumer<?, ?>, Duration> timeouts = new IdentityHashMap<>();
        Map<String, KafkaManualCommit> othersByPartition = new LinkedHashMap<>();
        for (Message record : records) {
            KafkaManualCommit commit = BrokerHeaders.kafkaCommit(record);
            if (commit instanceof DefaultKafkaManualCommit handle && handle.getConsumer() != null
                    && handle.getPartition() != null) {
                // a partition's records are in offset order: the last one's offset wins
                byConsumer.computeIfAbsent(handle.getConsumer(), consumer -> new LinkedHashMap<>())
                        .put(handle.getPartition(), new OffsetAndMetadata(handle.getRecordOffset() + 1));
                timeouts.putIfAbsent(handle.getConsumer(), Duration.ofMillis(handle.getCommitTimeout()));
            } else if (commit != null) {
                othersByPartition.put(RecordSource.of(record).map(from -> from.topic() + "-" + from.partition()).orElse(""),
                        commit);
            }
        }
        // on the consumer's thread, before it polls again (the exchange runs on it)
        byConsumer.forEach((consumer, offsets) -> consumer.commitSync(offsets, timeouts.get(consumer)));
        othersByPartition.values().forEach(KafkaManualCommit::commit);
    }

    @Override
    public void failed(List<Message> records, CamelContext context) {
        // nothing committed: the consumer seeks back to the last commit and reads the batch again
    }
}
