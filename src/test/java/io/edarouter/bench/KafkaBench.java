package io.edarouter.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.edarouter.bench.OrderEvents.OrderEvent;
import io.edarouter.testsupport.KafkaTestBroker;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka test broker (KRaft, its own JVM) as the benchmark uses it. */
final class KafkaBench implements BenchBroker {

    static final int PARTITIONS = 4;

    private final KafkaTestBroker broker = KafkaTestBroker.shared().started();

    @Override
    public String name() {
        return "kafka";
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String topic(String shortName) {
        return shortName;
    }

    @Override
    public void createTopic(String shortName) {
        broker.createTopic(shortName, PARTITIONS);
    }

    @Override
    public void createInput(String shortName, String group) {
        createTopic(shortName); // a new group starts at the beginning (auto.offset.reset=earliest)
    }

    @Override
    public Sender sender(boolean immediate) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers(), immediate));
        AtomicReference<Exception> failure = new AtomicReference<>();
        return new Sender() {
            /** Send to acknowledgement of the paced sends (immediate): how long Kafka itself took to take them. */
            private final Histogram acknowledged = new Histogram(3_600_000_000L, 3);

            @Override
            public void send(String shortName, OrderEvent event) {
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(shortName, event.stream(), event.json()), (metadata, e) -> {
                    synchronized (acknowledged) {
                        acknowledged.recordValue((System.nanoTime() - sentAt) / 1000);
                    }
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }

            @Override
            public void prepare(String shortName) {
                producer.partitionsFor(shortName);
            }

            @Override
            public void flush() {
                producer.flush();
                if (immediate) {
                    synchronized (acknowledged) {
                        ThroughputBenchmark.log("kafka producer: %,d sends acknowledged after p50 %.1f ms, p99 %.1f ms",
                                acknowledged.getTotalCount(), acknowledged.getValueAtPercentile(50) / 1000.0,
                                acknowledged.getValueAtPercentile(99) / 1000.0);
                    }
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("a send to Kafka failed", failure.get());
                }
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(10));
            }
        };
    }

    /** acks=all and idempotent, as a careful producer; linger 0 (each at once) or 10 ms (batches). */
    static Map<String, Object> producerConfig(String bootstrapServers, boolean immediate) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, immediate ? 0 : 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, immediate ? 16_384 : 262_144);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    @Override
    public AutoCloseable readDispatch(String shortName, DispatchWatcher watcher) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(shortName));
        Thread reader = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        watcher.arrived(record.value(), OrderEvents.nowMicros());
                    }
                }
            } catch (WakeupException e) {
                // closed
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }, "bench-reader-" + shortName);
        reader.setDaemon(true);
        reader.start();
        return () -> {
            consumer.wakeup();
            reader.join(10_000);
        };
    }

    @Override
    public void skipBacklog(String shortName, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(shortName, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            // the stopped router's member may still be leaving the group: retry while the group is not empty
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500); // the retry period
                }
            }
        }
    }

    @Override
    public Map<String, String> routerKeys(String inputTopic, String group, String dispatchTopic, String run) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("camel.component.kafka.brokers", bootstrapServers());
        keys.put("eda.input.topic", inputTopic);
        keys.put("eda.input.group", group);
        keys.put("eda.topic.inventory", dispatchTopic);
        keys.put("eda.topic.fraud-review", "bench-fraud-review-" + run);
        keys.put("eda.dead-letter.topic", "bench-dead-letter-" + run);
        return keys;
    }

    @Override
    public long pid() {
        return broker.pid();
    }
}
