package io.edarouter.broker;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka consumer {@link PollBatchKafkaClientFactory} hands camel-kafka: the component's own consumer, plus what
 * lets the pipeline finish a batch on another thread than the one that polled it (an {@code eda-batch:} reading
 * the topic, whose store thread stores, dispatches and commits a batch while the next is prepared):
 *
 * <ul>
 * <li>A poll after one that returned records returns none, at once (so camel-kafka's batching consumer hands a
 * poll's records over right after that poll, not at its next real one).</li>
 * <li>An offset commit ({@code commitAsync} with offsets) made on another thread is queued and made by the polling
 * thread before its next poll (a Kafka consumer takes one thread at a time), in the order the commits came.</li>
 * <li>{@link #rewind}: a failed batch's partitions are read again from the batch's first offsets (a seek before the
 * next poll, then a pause of {@value #REREAD_DELAY_MILLIS} ms), and until a partition's records come again from
 * there, those polled before the seek are {@link #readAgain stale}: a later batch holding one is not stored (it fails
 * and is read again in turn). So nothing after a failed batch is stored before the batch is read again, nor
 * committed before it is stored and dispatched.</li>
 * <li>Before its partitions are revoked (a rebalance, an unsubscribe, the close), the polling thread waits until
 * every record it polled from them is committed (or its batch failed), making the queued commits meanwhile, then
 * commits them once more, synchronously, before camel-kafka's listener runs: the next owner starts after the last
 * stored record, and this consumer does not store a revoked partition's record afterwards. When camel-kafka
 * unsubscribes or closes the consumer (the pipeline has stopped: what it stored is committed, what it dropped is read
 * again) or wakes it up to stop, nothing is waited for.</li>
 * </ul>
 */
final class PipelineConsumer implements InvocationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineConsumer.class);
    private static final long WAIT_STEP_MILLIS = 20;
    private static final long WARN_AFTER_MILLIS = 10_000;
    /** How long a failed batch's partitions wait before they are read again. */
    static final long REREAD_DELAY_MILLIS = 1000;

    private final Consumer<?, ?> consumer;
    private final BlockingQueue<Runnable> onPollingThread = new LinkedBlockingQueue<>();
    /** Per partition, the first offset of a failed batch: records after it polled before the seek are stale. */
    private final Map<TopicPartition, Long> fences = new ConcurrentHashMap<>();
    private volatile Thread pollingThread;
    private volatile boolean wokenUp;
    /** camel-kafka unsubscribes and closes the consumer once the pipeline has stopped (or to reconnect). */
    private volatile boolean leaving;
    private volatile boolean closed;
    // only on the polling thread
    private boolean lastPollReturnedRecords;
    /** Per partition, the offset after the last record polled and not given up by a rewind. */
    private final Map<TopicPartition, Long> polledEnd = new HashMap<>();
    /** Per partition, the offset last committed (sent). */
    private final Map<TopicPartition, Long> committedEnd = new HashMap<>();
    /** Per partition paused after a rewind, when ({@link System#nanoTime()}) it is read again. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

    private PipelineConsumer(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    static Consumer<?, ?> wrap(Consumer<?, ?> consumer) {
        return (Consumer<?, ?>) Proxy.newProxyInstance(PipelineConsumer.class.getClassLoader(),
                new Class<?>[] { Consumer.class }, new PipelineConsumer(consumer));
    }

    /** The pipeline's handling of {@code consumer}, when it is one this class made. */
    static Optional<PipelineConsumer> of(Consumer<?, ?> consumer) {
        if (consumer != null && Proxy.isProxyClass(consumer.getClass())
                && Proxy.getInvocationHandler(consumer) instanceof PipelineConsumer pipeline) {
            return Optional.of(pipeline);
        }
        return Optional.empty();
    }

    /**
     * A failed batch's records, from {@code firstOffsets} on in each partition, are to be read again: the partitions
     * are sought back before the next poll, and what was polled after those offsets until then is stale.
     */
    void rewind(Map<TopicPartition, Long> firstOffsets) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        // a batch that failed because it was stale is after the fence: the partition is read again from the fence
        firstOffsets.forEach((partition, offset) -> targets.put(partition, fences.merge(partition, offset, Math::min)));
        onPollingThread.add(() -> targets.forEach((partition, offset) -> {
            // what was polled of the partition after the offset is stale: nothing of it is waited for or committed
            polledEnd.remove(partition);
            try {
                consumer.seek(partition, offset);
                // not at once: what failed would most likely fail again, as fast as it is read
                consumer.pause(List.of(partition));
                resumeAt.put(partition, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REREAD_DELAY_MILLIS));
                LOG.info("Kafka: {} is read again from offset {} in {} ms, after a failed batch", partition, offset,
                        REREAD_DELAY_MILLIS);
            } catch (IllegalStateException revoked) {
                // no longer assigned: its next owner reads it from the last commit
                LOG.debug("Kafka: {} not sought back to {}: {}", partition, offset, revoked.getMessage());
            }
        }));
    }

    /**
     * Whether the record was polled after an earlier batch of its partition failed and before the partition was
     * sought back (or its consumer closed): its batch must not be stored. The first record at or before the failed
     * batch's first offset is the partition read again, and lifts the fence; call this in the records' order.
     */
    Optional<String> readAgain(TopicPartition partition, long offset) {
        if (closed) {
            return Optional.of("its Kafka consumer is closed; the group reads " + partition + " again from the last commit");
        }
        Long fence = fences.get(partition);
        if (fence == null) {
            return Optional.empty();
        }
        if (offset <= fence) {
            fences.remove(partition, fence);
            return Optional.empty();
        }
        return Optional.of("an earlier batch of " + partition + " failed; it is read again from offset " + fence);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if ("poll".equals(name) && args != null && args.length == 1 && args[0] instanceof Duration timeout) {
            return poll(timeout);
        }
        if ("commitAsync".equals(name) && args != null && args.length >= 1 && args[0] instanceof Map<?, ?> offsets) {
            @SuppressWarnings("unchecked")
            Map<TopicPartition, OffsetAndMetadata> commit = Map.copyOf((Map<TopicPartition, OffsetAndMetadata>) offsets);
            OffsetCommitCallback callback = args.length > 1 ? (OffsetCommitCallback) args[1] : null;
            Thread poller = pollingThread;
            if (closed) {
                LOG.warn("Kafka: the consumer closed before the commit of offsets {}; those records are read again, their"
                        + " events stored once", commit);
            } else if (poller != null && poller != Thread.currentThread()) {
                onPollingThread.add(() -> commitAsync(commit, callback));
            } else {
                commitAsync(commit, callback);
            }
            return null;
        }
        if ("subscribe".equals(name) && args != null && args.length == 2 && args[1] instanceof ConsumerRebalanceListener listener) {
            args = new Object[] { args[0], new FinishingBeforeRevoke(listener) };
        } else if ("wakeup".equals(name)) {
            wokenUp = true;
        } else if ("unsubscribe".equals(name)) {
            leaving = true;
        } else if ("close".equals(name)) {
            leaving = true;
            runQueued();
            closed = true;
        } else if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "pipeline " + consumer;
            };
        }
        try {
            return method.invoke(consumer, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private ConsumerRecords<?, ?> poll(Duration timeout) {
        pollingThread = Thread.currentThread();
        runQueued();
        resumeDue();
        if (lastPollReturnedRecords) {
            lastPollReturnedRecords = false;
            return ConsumerRecords.empty();
        }
        ConsumerRecords<?, ?> records = consumer.poll(timeout);
        lastPollReturnedRecords = !records.isEmpty();
        for (TopicPartition partition : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> of = records.records(partition);
            polledEnd.put(partition, of.get(of.size() - 1).offset() + 1);
        }
        return records;
    }

    private void resumeDue() {
        if (resumeAt.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<TopicPartition> due = resumeAt.entrySet().stream().filter(at -> now - at.getValue() >= 0)
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            due.forEach(resumeAt::remove);
            // a partition revoked meanwhile is no longer paused (nor this consumer's)
            consumer.resume(due.stream().filter(consumer.assignment()::contains).toList());
        }
    }

    private void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        offsets.forEach((partition, offset) -> committedEnd.merge(partition, offset.offset(), Math::max));
        consumer.commitAsync(offsets, callback);
    }

    private void runQueued() {
        for (Runnable task = onPollingThread.poll(); task != null; task = onPollingThread.poll()) {
            task.run();
        }
    }

    private boolean unfinished(Collection<TopicPartition> partitions) {
        return partitions.stream().anyMatch(partition -> {
            Long polled = polledEnd.get(partition);
            return polled != null && polled > committedEnd.getOrDefault(partition, -1L);
        });
    }

    /** Runs on the polling thread, inside a poll (or unsubscribe, or close). */
    private void finish(Collection<TopicPartition> partitions) {
        long started = System.nanoTime();
        boolean warned = false;
        try {
            runQueued();
            while (!wokenUp && !leaving && unfinished(partitions)) {
                Runnable task = onPollingThread.poll(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
                if (!warned && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(WARN_AFTER_MILLIS)) {
                    warned = true;
                    LOG.warn("Kafka: the rebalance waits for the batches of {} still being stored (polled up to {},"
                            + " committed {})", partitions, polledEnd, committedEnd);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<TopicPartition, OffsetAndMetadata> last = partitions.stream().filter(committedEnd::containsKey)
                .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(committedEnd.get(partition))));
        if (!last.isEmpty() && !closed) {
            try {
                consumer.commitSync(last);
            } catch (RuntimeException e) {
                LOG.warn("Kafka: the commit of offsets {} before the partitions' revocation failed ({}); their next owner"
                        + " reads those records again, their events stored once", last, e.toString());
            }
        }
        partitions.forEach(polledEnd::remove);
        if (warned) {
            LOG.info("Kafka: the batches of {} finished after {} ms; the rebalance goes on", partitions,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /** camel-kafka's rebalance listener, run once this consumer has finished with the revoked partitions. */
    private final class FinishingBeforeRevoke implements ConsumerRebalanceListener {
        private final ConsumerRebalanceListener delegate;

        FinishingBeforeRevoke(ConsumerRebalanceListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            finish(partitions);
            delegate.onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            delegate.onPartitionsAssigned(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // already another member's: nothing to commit, and what is still being stored is stored once
            partitions.forEach(polledEnd::remove);
            delegate.onPartitionsLost(partitions);
        }
    }
}
