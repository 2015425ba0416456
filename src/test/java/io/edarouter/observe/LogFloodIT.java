package io.edarouter.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditions that happen per event are counted on {@code /observe/metrics} and logged in a few lines, not one
 * line per event: 1,000 order payments without {@code customerId} (stored without the customer) and 100 records
 * that are not JSON (dead-lettered), sent by a plain Kafka producer to the router in its own JVM.
 */
class LogFloodIT {

    private static final int WITHOUT_CUSTOMER = 1000;
    private static final int NOT_JSON = 100;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka();

    @Test
    void perEventConditionsAreCountedExactlyAndLoggedInAFewLines() throws Exception {
        String input = run.input();
        // created before the first send: a producer's first sends to a topic the broker is still creating can be
        // refused (NOT_LEADER_OR_FOLLOWER) and leave an idempotent producer stuck on a partition
        run.kafka().createTopic(input, 3);
        try (RouterProcess router = RouterProcess.start("log-flood", run.keys())) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.kafka().bootstrapServers(),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < WITHOUT_CUSTOMER; i++) {
                    sent.add(producer.send(new ProducerRecord<>(input, "o-" + i, order(i))));
                    if (i % 10 == 0) {
                        sent.add(producer.send(new ProducerRecord<>(input, "o-" + i,
                                ("not json " + i).getBytes(StandardCharsets.UTF_8))));
                    }
                }
                for (Future<RecordMetadata> one : sent) {
                    one.get(90, TimeUnit.SECONDS);
                }
            }

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                String metrics = get(router, "/observe/metrics");
                assertThat(counter(metrics, "eda_enrichment_failed_total", "field=\"customer\"", "cause=\"no-key\""))
                        .isEqualTo(WITHOUT_CUSTOMER);
                assertThat(counter(metrics, "eda_events_dead_lettered_total", "stage=\"decode\"")).isEqualTo(NOT_JSON);
            });

            String log = Files.readString(router.logFile());
            assertThat(log.lines().filter(line -> line.contains("without customer"))).as("lines about the customer")
                    .hasSizeBetween(1, 3);
            assertThat(log.lines().filter(line -> line.contains("dead-lettered") || line.contains("dead letters")))
                    .as("lines about dead letters").hasSizeBetween(1, 3);
        }
    }

    private static byte[] order(int i) {
        // OrderPaid of a small amount: stored, dispatched to no subscriber (this test is about ingest's logs)
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"OrderPaid\",\"timestamp\":"
                + "\"2024-01-01T00:00:00Z\",\"source\":\"order-service\",\"data\":{\"orderId\":\"o-" + i
                + "\",\"amount\":10}}").getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the Prometheus sample of this counter whose labels include all of {@code labels}. */
    private static double counter(String metrics, String name, String... labels) {
        return metrics.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    private static String get(RouterProcess router, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
