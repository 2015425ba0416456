package io.edarouter.bench;

import java.util.Map;

import io.edarouter.bench.OrderEvents.OrderEvent;

/** What the benchmark needs of a broker: topics, a producer, a reader of a dispatch topic, the router's keys. */
sealed interface BenchBroker permits KafkaBench, PulsarBench {

    /** {@code kafka} or {@code pulsar}. */
    String name();

    /** The full name of a topic, from the short name the router's {@code eda.*.topic} keys take. */
    String topic(String shortName);

    /** Creates the topic (Kafka: 4 partitions, as the test broker's default), if the broker needs that. */
    void createTopic(String shortName);

    /**
     * Creates an input topic with its contender's consumer group / durable subscription at the start of the topic,
     * so the broker keeps what is preloaded until that contender's turn (Pulsar standalone deletes a topic that has
     * no subscription after a minute without producers or consumers); Pulsar: an Exclusive subscription.
     */
    void createInput(String shortName, String group);

    /** A producer; {@code immediate}: send each event at once (latency), else batch for throughput (preload). */
    Sender sender(boolean immediate);

    /** Reads {@code shortName} from its beginning on a thread of its own and tells {@code watcher} every record. */
    AutoCloseable readDispatch(String shortName, DispatchWatcher watcher);

    /** Moves the consumer group / subscription {@code group} of {@code shortName} past every message in it. */
    void skipBacklog(String shortName, String group) throws Exception;

    /** The router's keys for this broker, besides the store's (input, group and dispatch topic given). */
    Map<String, String> routerKeys(String inputTopic, String group, String dispatchTopic, String run);

    /** Sends events keyed by their stream, asynchronously; {@link #flush()} waits until all are acknowledged. */
    /** The broker's process id, for its CPU time ({@link CpuMeter}); -1 when it is not a local process. */
    default long pid() {
        return -1;
    }

    interface Sender extends AutoCloseable {

        void send(String shortName, OrderEvent event);

        /** Connects to the topic now (metadata, producer), so the first timed send does not pay for it. */
        void prepare(String shortName);

        void flush();

        @Override
        void close();
    }
}
