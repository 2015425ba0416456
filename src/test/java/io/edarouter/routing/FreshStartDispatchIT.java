package io.edarouter.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fresh start of the embedded default (in-process Kafka broker, H2 store, nothing under {@code ./data} yet)
 * with subscribers on topics nobody has written to: 8 clients post 2,000 events at once, and every one is
 * stored and dispatched within seconds, without the router's first sends running into topics that have no
 * leader yet (which left the idempotent producer refused with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} for minutes).
 */
class FreshStartDispatchIT {

    private static final int CLIENTS = 8;
    private static final int EVENTS = 2_000;
    private static final int BATCH = 50;
    private static final int BIG_AMOUNT = 500;
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void concurrentIngestOnAFreshEmbeddedStartIsStoredAndDispatchedToNewTopicsWithoutStalling() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String restock = "restock-" + run;
        String bigOrders = "big-orders-" + run;
        Path subscribers = Files.createTempDirectory(Path.of(System.getProperty("basedir", "."), "target"), "fresh-start-")
                .resolve("subscribers.yaml");
        Files.writeString(subscribers, """
                subscribers:
                  - name: restock
                    pattern: {eventType: [OrderCreated]}
                    topic: %s
                  - name: big-orders
                    pattern: {data: {amount: [{numeric: [">", %d]}]}}
                    topic: %s
                """.formatted(restock, BIG_AMOUNT, bigOrders));
        int kafkaPort = RouterHarness.freePort();
        List<String> bodies = new ArrayList<>();
        Set<String> all = new HashSet<>();
        Set<String> big = new HashSet<>();
        for (int b = 0; b < EVENTS / BATCH; b++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                int n = b * BATCH + i;
                String id = UUID.randomUUID().toString();
                int amount = (n * 37) % 1000;
                all.add(id);
                if (amount > BIG_AMOUNT) {
                    big.add(id);
                }
                events.add("{\"eventId\":\"" + id + "\",\"eventType\":\"OrderCreated\",\"timestamp\":\"" + Instant.now()
                        + "\",\"source\":\"shop\",\"subject\":\"order-" + (n % 200) + "\",\"data\":{\"orderId\":\"" + n
                        + "\",\"amount\":" + amount + "}}");
            }
            bodies.add("[" + String.join(",", events) + "]");
        }

        try (RouterProcess router = RouterProcess.start("fresh-embedded", Map.of(
                "eda.embedded.kafka.enabled", "true",
                "eda.embedded.kafka.port", String.valueOf(kafkaPort),
                "eda.subscribers.file", subscribers.toString()))) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> posts = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    posts.add(clients.submit(() -> {
                        for (int b = client; b < bodies.size(); b += CLIENTS) {
                            assertThat(post(router.httpUrl("/events"), bodies.get(b))).isEqualTo(202);
                        }
                        return null;
                    }));
                }
                for (Future<?> post : posts) {
                    post.get();
                }
            } finally {
                clients.shutdownNow();
            }

            String bootstrap = "127.0.0.1:" + kafkaPort;
            Set<String> stored = new HashSet<>();
            Set<String> restocked = new HashSet<>();
            Set<String> reviewed = new HashSet<>();
            try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
                consumer.subscribe(List.of(restock, bigOrders));
                await("all " + EVENTS + " stored and dispatched").atMost(WITHIN).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            for (var record : consumer.poll(Duration.ofMillis(200))) {
                                (record.topic().equals(restock) ? restocked : reviewed)
                                        .add(JSON.readTree(record.value()).get("eventId").asText());
                            }
                            readStored(router, stored);
                            assertThat(stored).hasSize(EVENTS);
                            assertThat(restocked).hasSize(all.size());
                            assertThat(reviewed).hasSize(big.size());
                        });
            }
            assertThat(stored).isEqualTo(all);
            assertThat(restocked).isEqualTo(all);
            assertThat(reviewed).isEqualTo(big);
            // the dispatch topics existed, with leaders, before the router's first send to them
            assertThat(logLines(router, restock, bigOrders))
                    .noneMatch(line -> line.contains("NOT_LEADER_OR_FOLLOWER") || line.contains("OUT_OF_ORDER_SEQUENCE")
                            || line.contains("UNKNOWN_TOPIC_OR_PARTITION"));
        }
    }

    private static int post(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Reads {@code $all} from the position after the last event read into {@code stored}. */
    private static void readStored(RouterProcess router, Set<String> stored) throws IOException, InterruptedException {
        long from = 0;
        while (true) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(
                    URI.create(router.httpUrl("/streams/$all?from=" + from + "&limit=1000"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode events = JSON.readTree(page.body());
            if (page.statusCode() != 200 || events.isEmpty()) {
                return;
            }
            for (JsonNode event : events) {
                stored.add(event.get("eventId").asText());
                from = event.get("globalPosition").asLong() + 1;
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fresh-start-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // the reader must not create the topics it waits for: that is the router's job
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    /** The router's log lines that name one of these topics. */
    private static List<String> logLines(RouterProcess router, String... topics) {
        try (var lines = Files.lines(router.logFile(), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> java.util.Arrays.stream(topics).anyMatch(line::contains)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
