package io.edarouter.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.edarouter.broker.KafkaTopicCreator;
import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;

import static org.awaitility.Awaitility.await;

/**
 * The load of the delivery ITs: {@code count} events over {@code streams} streams ({@code order-s<k>}), each
 * event's {@code data.seq} its place in its stream, so the store can be checked for "each event once, each stream
 * in producer order". Every tenth event is an {@code OrderCreated} (dispatched to the inventory topic), the rest
 * {@code OrderPaid} (stored only).
 */
final class IngestLoad {

    /** One row of the closing note's table, appended to {@code target/delivery-scenarios.md} too. */
    record Outcome(String scenario, int sent, int stored, int duplicated, int outOfOrder, int missing,
            int toDeliver, int delivered) {

        String row() {
            return "| " + scenario + " | " + sent + " | " + stored + " | " + duplicated + " | " + missing + " | "
                    + outOfOrder + " | " + (toDeliver < 0 ? "n/a" : delivered + " of " + toDeliver) + " |";
        }
    }

    final int count;
    final int streams;
    final List<String> keys = new ArrayList<>();
    final List<byte[]> values = new ArrayList<>();
    final Set<String> dispatchedIds = new HashSet<>();

    IngestLoad(int count, int streams) {
        this.count = count;
        this.streams = streams;
        int[] next = new int[streams];
        for (int i = 0; i < count; i++) {
            int s = i % streams;
            String id = UUID.randomUUID().toString();
            boolean created = i % 10 == 0;
            if (created) {
                dispatchedIds.add(id);
            }
            String json = "{\"eventId\":\"" + id + "\",\"eventType\":\"" + (created ? "OrderCreated" : "OrderPaid")
                    + "\",\"timestamp\":\"" + Instant.now() + "\",\"source\":\"load\",\"subject\":\"order-s" + s
                    + "\",\"data\":{\"orderId\":\"s" + s + "\",\"seq\":" + next[s]++ + ",\"amount\":1}}";
            keys.add("order-s" + s);
            values.add(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    void sendToKafka(String bootstrapServers, String topic) throws Exception {
        // many batches in flight to a topic the broker would create on first use can lose the first (KAFKA-15591)
        KafkaTopicCreator.createMissing(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), List.of(topic),
                Duration.ofSeconds(30));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
            }
            producer.flush();
        }
    }

    void sendToPulsar(String serviceUrl, String topic) throws Exception {
        try (PulsarClient client = PulsarClient.builder().serviceUrl(serviceUrl).build();
                Producer<byte[]> producer = client.newProducer().topic(topic)
                        // one message per entry, so the subscription's backlog counts messages
                        .enableBatching(false).blockIfQueueFull(true)
                        .sendTimeout(0, TimeUnit.SECONDS).create()) {
            for (int i = 0; i < count; i++) {
                producer.newMessage().key(keys.get(i)).value(values.get(i)).sendAsync();
            }
            producer.flush();
        }
    }

    /** Publishes the load to a RabbitMQ queue (the router's input, declared as the router does), in order. */
    void sendToRabbitMq(io.edarouter.testsupport.RabbitMqTestBroker broker, String queue) throws Exception {
        broker.declareInput(queue);
        broker.publish(queue, values, "load-");
    }

    /** One valid {@code OrderPaid} event of stream {@code order-<orderId>}, with a new event id, as a producer sends it. */
    static byte[] orderPaid(String orderId) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"OrderPaid\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"subject\":\"order-" + orderId + "\",\"data\":{\"orderId\":\"" + orderId
                + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A reader of the store the run's router writes to. */
    static EventStore store(RouterRun run) {
        return JdbcEventStore.open(run.jdbcUrl(), run.postgres().user(), run.postgres().password(), 2);
    }

    static void awaitStored(EventStore store, long atLeast, Duration timeout) {
        await("" + atLeast + " events stored").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> store.headPosition() >= atLeast);
    }

    /** Waits until {@code from}, then {@code to} events are stored, and prints the rate in between (steady state). */
    static void printThroughput(String broker, EventStore store, long from, long to) {
        awaitStored(store, from, Duration.ofSeconds(120));
        long start = System.nanoTime();
        long first = store.headPosition();
        awaitStored(store, to, Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s INGEST THROUGHPUT %.0f events/s (%d events in %.1f s)%n", broker.toUpperCase(),
                (store.headPosition() - first) / seconds, store.headPosition() - first, seconds);
    }

    /** Checks the store: each event once, each stream's seq 0..n-1 in version order. */
    Outcome check(String scenario, EventStore store, int delivered, boolean delivery) {
        Map<String, List<Integer>> seqs = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int stored = 0;
        int duplicated = 0;
        for (long from = 0; ; ) {
            List<RecordedEvent> page = store.readAll(from, 5000);
            if (page.isEmpty()) {
                break;
            }
            for (RecordedEvent recorded : page) {
                stored++;
                if (!ids.add(recorded.event().eventId())) {
                    duplicated++;
                }
                seqs.computeIfAbsent(recorded.stream(), k -> new ArrayList<>())
                        .add(recorded.event().data().get("seq").intValue());
            }
            from = page.get(page.size() - 1).globalPosition() + 1;
        }
        int outOfOrder = 0;
        int missing = 0;
        for (int s = 0; s < streams; s++) {
            List<Integer> stream = seqs.getOrDefault("order-s" + s, List.of());
            int expected = count / streams + (s < count % streams ? 1 : 0);
            missing += Math.max(0, expected - new HashSet<>(stream).size());
            for (int v = 0; v < stream.size(); v++) {
                if (stream.get(v) != v) {
                    outOfOrder++;
                }
            }
        }
        Outcome outcome = new Outcome(scenario, count, stored, duplicated, outOfOrder, missing,
                delivery ? dispatchedIds.size() : -1, delivered);
        record(outcome);
        return outcome;
    }

    /** How many of the dispatched events reached {@code topic} at least once (read from its beginning). */
    int deliveredOnKafka(String bootstrapServers, String topic, Duration timeout) {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "delivered-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            try {
                await().atMost(timeout).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        String value = new String(r.value(), StandardCharsets.UTF_8);
                        String id = value.substring(value.indexOf("\"eventId\":\"") + 11, value.indexOf("\"eventId\":\"") + 47);
                        if (dispatchedIds.contains(id)) {
                            seen.add(id);
                        }
                    }
                    return seen.size() >= dispatchedIds.size();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported as fewer delivered
            }
        }
        return seen.size();
    }

    /** How many of the dispatched events reached the Pulsar {@code topic} at least once (read from its start). */
    int deliveredOnPulsar(String serviceUrl, String topic, Duration timeout) throws Exception {
        Set<String> seen = new HashSet<>();
        // right after a broker restart the topic may still be recovering its ledger: ask again, each try bounded
        try (PulsarClient client = PulsarClient.builder().serviceUrl(serviceUrl)
                        .operationTimeout(5, TimeUnit.SECONDS).build();
                org.apache.pulsar.client.api.Reader<byte[]> reader = await("a reader of " + topic)
                        .atMost(timeout.plusSeconds(60))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> client.newReader().topic(topic)
                                .startMessageId(org.apache.pulsar.client.api.MessageId.earliest).create(),
                                java.util.Objects::nonNull)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.size() < dispatchedIds.size() && System.nanoTime() < deadline) {
                org.apache.pulsar.client.api.Message<byte[]> message = reader.readNext(500, TimeUnit.MILLISECONDS);
                if (message != null) {
                    String id = eventId(message.getValue());
                    if (dispatchedIds.contains(id)) {
                        seen.add(id);
                    }
                }
            }
        }
        return seen.size();
    }

    /** How many of the dispatched events reached the RabbitMQ queue of {@code exchange} at least once (reading it empties it). */
    int deliveredOnRabbitMq(io.edarouter.testsupport.RabbitMqTestBroker broker, String exchange, Duration timeout)
            throws Exception {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < dispatchedIds.size() && System.nanoTime() < deadline) {
            com.rabbitmq.client.GetResponse message = broker.next(exchange, Duration.ofMillis(500));
            if (message != null) {
                String id = eventId(message.getBody());
                if (dispatchedIds.contains(id)) {
                    seen.add(id);
                }
            }
        }
        return seen.size();
    }

    /** The eventId of a dispatched event's JSON (the load's events: a UUID). */
    private static String eventId(byte[] json) {
        String value = new String(json, StandardCharsets.UTF_8);
        int at = value.indexOf("\"eventId\":\"") + 11;
        return value.substring(at, at + 36);
    }

    private static synchronized void record(Outcome outcome) {
        Path file = Path.of(System.getProperty("basedir", "."), "target", "delivery-scenarios.md");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "| scenario | sent | stored | duplicated | missing | out of order | delivered |\n"
                        + "| --- | --- | --- | --- | --- | --- | --- |\n", StandardCharsets.UTF_8);
            }
            Files.writeString(file, outcome.row() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the assertion is what counts
        }
        System.out.println("DELIVERY SCENARIO " + outcome.row());
    }
}
