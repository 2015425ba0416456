package io.edarouter.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prometheus metrics at /observe/metrics move with traffic: routes, store appends, dead letters. */
class ObservabilityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String INPUT = RUN.input();
    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN);

    private final KafkaTopics kafka = RUN.kafka().topics();

    @Test
    void metricsCountStoredAndDeadLetteredEventsAndRouteExchanges() {
        double appendsBefore = metric("eda_store_append_seconds_count");
        double deadBefore = metric("eda_events_dead_lettered_total{stage=\"validate\"");
        double exchangesBefore = metric("camel_exchanges_total{camelContext=\"eda-router\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"order-events-from-kafka\"");

        kafka.send(INPUT, null, ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"OrderCreated\",\"timestamp\":"
                + "\"2024-01-01T00:00:00Z\",\"source\":\"s\",\"data\":{\"orderId\":\"1\"}}").getBytes(StandardCharsets.UTF_8));
        kafka.send(INPUT, null, "{\"eventId\":\"no-type\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(metric("eda_store_append_seconds_count")).isEqualTo(appendsBefore + 1);
            assertThat(metric("eda_events_dead_lettered_total{stage=\"validate\"")).isEqualTo(deadBefore + 1);
            // Kafka records arrive in batches: one exchange or two for these two records
            assertThat(metric("camel_exchanges_total{camelContext=\"eda-router\",eventType=\"route\",kind=\"CamelRoute\",routeId=\"order-events-from-kafka\""))
                    .isGreaterThan(exchangesBefore);
        });
        assertThat(scrape()).contains("jvm_memory_used_bytes");
        // set by the exchange notifier at the end of each exchange (registered once, not searched for per exchange)
        assertThat(metric("camel_exchanges_last_timestamp")).isGreaterThan(System.currentTimeMillis() - 120_000);
    }

    /** The value of the first sample whose line starts with {@code prefix}, 0 when there is none yet. */
    private static double metric(String prefix) {
        Matcher line = Pattern.compile("^" + Pattern.quote(prefix) + "[^ ]* ([0-9.Ee+-]+)$", Pattern.MULTILINE).matcher(scrape());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/observe/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
