package io.edarouter.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What lets the pipeline finish a batch on another thread than the polling one: commits made by the polling
 * thread, a failed batch's partition read again with what was polled after it stale, and a rebalance that waits
 * for the batches of the partitions it takes away. Kafka's own {@link MockConsumer} stands for the consumer.
 */
class PipelineConsumerTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);
    private static final Duration POLL = Duration.ofMillis(10);

    private final MockConsumer<String, String> kafka = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    @SuppressWarnings("unchecked")
    private final Consumer<String, String> consumer = (Consumer<String, String>) PipelineConsumer.wrap(kafka);
    private final PipelineConsumer pipeline = PipelineConsumer.of(consumer).orElseThrow();

    @Test
    void aCommitFromAnotherThreadIsMadeByThePollingThreadBeforeItsNextPoll() throws Exception {
        assign();
        addRecords(0, 3);
        assertThat(consumer.poll(POLL).count()).isEqualTo(3);

        CompletableFuture.runAsync(() -> consumer.commitAsync(Map.of(PARTITION, new OffsetAndMetadata(3)), null))
                .get(10, TimeUnit.SECONDS);
        assertThat(committed()).as("not on the store thread").isNull();

        consumer.poll(POLL);
        assertThat(committed()).isEqualTo(3);
    }

    @Test
    void aFailedBatchsPartitionIsReadAgainFromItAndWhatWasPolledAfterItIsStaleUntilThen() {
        assign();
        addRecords(0, 6);
        assertThat(consumer.poll(POLL).count()).isEqualTo(6);

        // the batch of offsets 2..3 failed (0..1 were committed), 4..5 are queued behind it
        pipeline.rewind(Map.of(PARTITION, 2L));
        assertThat(pipeline.readAgain(PARTITION, 4)).hasValueSatisfying(why -> assertThat(why).contains("offset 2"));
        assertThat(pipeline.readAgain(PARTITION, 5)).isPresent();

        // the batch of 4..5 failed in turn, for being stale: the partition is still read again from 2
        pipeline.rewind(Map.of(PARTITION, 4L));

        consumer.poll(POLL); // the hand-over poll: seeks first, and pauses the partition a while
        assertThat(kafka.position(PARTITION)).isEqualTo(2);
        assertThat(kafka.paused()).containsExactly(PARTITION);
        addRecords(2, 4);
        List<Long> readAgain = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.poll(POLL).records(PARTITION).forEach(record -> readAgain.add(record.offset()));
            return !readAgain.isEmpty();
        });
        assertThat(readAgain).containsExactly(2L, 3L, 4L, 5L);
        assertThat(kafka.paused()).isEmpty();
        assertThat(pipeline.readAgain(PARTITION, 2)).as("read again: the fence is lifted").isEmpty();
        assertThat(pipeline.readAgain(PARTITION, 5)).isEmpty();
    }

    @Test
    void aRevocationWaitsUntilThePartitionsPolledRecordsAreCommittedAndCommitsThemFirst() throws Exception {
        List<Long> committedAtRevocation = new ArrayList<>();
        consumer.subscribe(List.of(PARTITION.topic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                committedAtRevocation.add(committed());
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
        kafka.rebalance(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
        addRecords(0, 4);
        assertThat(consumer.poll(POLL).count()).isEqualTo(4);

        // the store thread commits the two batches once the polling thread waits in the rebalance
        Thread polling = Thread.currentThread();
        CompletableFuture<Void> store = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> polling.getState() == Thread.State.TIMED_WAITING);
            consumer.commitAsync(Map.of(PARTITION, new OffsetAndMetadata(2)), null);
            await().atMost(Duration.ofSeconds(10)).until(() -> polling.getState() == Thread.State.TIMED_WAITING);
            consumer.commitAsync(Map.of(PARTITION, new OffsetAndMetadata(4)), null);
        });
        kafka.rebalance(List.of());
        store.get(10, TimeUnit.SECONDS);

        assertThat(committedAtRevocation).containsExactly(4L);
    }

    @Test
    void aStopEndsTheWaitOfARevocation() {
        consumer.subscribe(List.of(PARTITION.topic()));
        kafka.rebalance(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
        addRecords(0, 2);
        assertThat(consumer.poll(POLL).count()).isEqualTo(2);

        consumer.wakeup();
        kafka.rebalance(List.of());

        assertThat(committed()).as("never stored, not committed").isNull();
        assertThat(pipeline.readAgain(PARTITION, 0)).isEmpty();
    }

    private void assign() {
        kafka.assign(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    private void addRecords(long from, int count) {
        for (long offset = from; offset < from + count; offset++) {
            kafka.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, "k", "v" + offset));
        }
    }

    private Long committed() {
        OffsetAndMetadata committed = kafka.committed(Set.of(PARTITION)).get(PARTITION);
        return committed == null ? null : committed.offset();
    }
}
