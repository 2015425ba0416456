package io.edarouter.broker;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka: commits the offset of the last record of each partition of the batch, once it is stored and dispatched; a
 * failed batch is not committed, and its partitions are read again from its first records. Needs
 * {@code allowManualCommit=true}, {@code autoCommitEnable=false} and the {@code DefaultKafkaManualCommitFactory} (a
 * route on camel-kafka's batches) or the {@link PipelineCommitFactory} (an {@code eda-batch:} reading the topic)
 * (Camel 4.18's batch auto-commit and its manual async commit lose records on a crash, CAMEL-23994).
 *
 * <p>The partitions a consumer read the batch from are committed in one {@code commitAsync}: the request leaves at
 * once, and the consumer goes on to its next poll instead of waiting for the group coordinator's answer (a round trip
 * per batch, 3-10 ms on average at full load on two cores). Kafka sends a consumer's commits in order and before its next
 * rebalance's join, answers them in order (a later commit covers an earlier one that failed), and a consumer that
 * closes (a stop, or camel-kafka's reconnect after a failed batch) waits for those still unanswered. A commit that
 * fails (the member was fenced, the coordinator moved) is logged: its records are read again after a rebalance or
 * restart, and the store keeps their events once, as after a crash between a batch's store and its commit.
 */
final class KafkaAcknowledgement implements InputAcknowledgement {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAcknowledgement.class);

    @Override
    public List<Message> completed(List<Message> records, CamelContext context) {
        Map<Consumer<?, ?>, Map<TopicPartition, OffsetAndMetadata>> byConsumer = new IdentityHashMap<>();
        Map<String, KafkaManualCommit> othersByPartition = new LinkedHashMap<>();
        List<Message> others = null;
        for (Message record : records) {
            KafkaManualCommit commit = BrokerHeaders.kafkaCommit(record);
            DefaultKafkaManualCommit handle = handle(commit);
            if (commit == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else if (handle != null) {
                // a partition's records are in offset order: the last one's offset wins
                byConsumer.computeIfAbsent(handle.getConsumer(), consumer -> new LinkedHashMap<>())
                        .put(handle.getPartition(), new OffsetAndMetadata(handle.getRecordOffset() + 1));
            } else {
                othersByPartition.put(RecordSource.of(record).map(from -> from.topic() + "-" + from.partition()).orElse(""),
                        commit);
            }
        }
        // on the consumer's thread before it polls again (the batch runs on it, or PipelineConsumer queues the commit)
        byConsumer.forEach((consumer, offsets) -> consumer.commitAsync(offsets, KafkaAcknowledgement::answered));
        othersByPartition.values().forEach(KafkaManualCommit::commit);
        return InputAcknowledgement.handedOn(others);
    }

    private static void answered(Map<TopicPartition, OffsetAndMetadata> offsets, Exception failure) {
        if (failure != null) {
            LOG.warn("Kafka: the commit of offsets {} failed ({}); those records are read again after a rebalance or restart,"
                    + " their events stored once", offsets, failure.toString());
        }
    }

    @Override
    public List<Message> failed(List<Message> records, CamelContext context) {
        // nothing committed; each partition is read again from the batch's first record of it (camel-kafka seeks back
        // itself when the batch ran on its thread, PipelineConsumer when it ran on another)
        Map<Consumer<?, ?>, Map<TopicPartition, Long>> firstOffsets = new IdentityHashMap<>();
        List<Message> others = null;
        for (Message record : records) {
            KafkaManualCommit commit = BrokerHeaders.kafkaCommit(record);
            DefaultKafkaManualCommit handle = handle(commit);
            if (commit == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else if (handle != null) {
                firstOffsets.computeIfAbsent(handle.getConsumer(), consumer -> new LinkedHashMap<>())
                        .merge(handle.getPartition(), handle.getRecordOffset(), Math::min);
            }
        }
        firstOffsets.forEach((consumer, offsets) -> PipelineConsumer.of(consumer).ifPresent(pipeline -> pipeline.rewind(offsets)));
        return InputAcknowledgement.handedOn(others);
    }

    @Override
    public Optional<String> readAgain(List<Message> records) {
        Consumer<?, ?> consumer = null;
        Optional<PipelineConsumer> pipeline = Optional.empty();
        for (Message record : records) {
            DefaultKafkaManualCommit handle = handle(BrokerHeaders.kafkaCommit(record));
            if (handle != null) {
                if (handle.getConsumer() != consumer) {
                    consumer = handle.getConsumer();
                    pipeline = PipelineConsumer.of(consumer);
                }
                Optional<String> why = pipeline.flatMap(p -> p.readAgain(handle.getPartition(), handle.getRecordOffset()));
                if (why.isPresent()) {
                    return why;
                }
            }
        }
        return Optional.empty();
    }

    /** The record's consumer, partition and offset, when camel-kafka's manual commit handle holds them; else null. */
    private static DefaultKafkaManualCommit handle(KafkaManualCommit commit) {
        return commit instanceof DefaultKafkaManualCommit handle && handle.getConsumer() != null
                && handle.getPartition() != null ? handle : null;
    }
}
