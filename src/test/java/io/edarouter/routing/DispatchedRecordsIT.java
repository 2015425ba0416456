package io.edarouter.routing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What leaves the router on dispatch, seen from outside: the records a plain Kafka consumer reads carry the
 * documented headers only, and {@code /observe/metrics} counts events out per subscriber and topic (without
 * Prometheus refusing any of Camel's meters).
 */
class DispatchedRecordsIT {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String INPUT = RUN.input();
    private static final String INVENTORY = "inventory-" + RUN.id();
    private static final String FRAUD_REVIEW = "fraud-review-" + RUN.id();
    @RegisterExtension
    static final RouterProcess router = RouterProcess.forClass("dispatched-records", RUN.withSubscribers("""
            subscribers:
              - name: inventory
                pattern: {eventType: [OrderCreated]}
                topic: %s
                headers: {team: stock}
              - name: fraud-review
                pattern: {data: {amount: [{numeric: [">", 1000]}]}}
                topic: %s
            """.formatted(INVENTORY, FRAUD_REVIEW)));

    private final KafkaTopics kafka = RUN.kafka().topics();

    private static byte[] order(String eventId, String orderId, double amount) {
        return ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"shop\",\"data\":{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDispatchedRecordCarriesTheKeyTraceContextAndTheSubscribersHeadersOnly() {
        String eventId = UUID.randomUUID().toString();
        // a producer of the input topic with headers of its own: none of them is the subscriber's business
        kafka.send(INPUT, "k", order(eventId, "h-1", 10),
                Map.of("traceparent", TRACEPARENT, "tracestate", "shop=1", "x-producer", "shop", "EdaInternal", "x"));

        ConsumerRecord<String, byte[]> record = kafka.awaitRecord(INVENTORY,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId), Duration.ofSeconds(60)).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId)).findFirst().orElseThrow();

        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(record.key()).isEqualTo("order-h-1");
        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "traceparent", TRACEPARENT, "tracestate", "shop=1", "team", "stock"));
    }

    @Test
    void metricsCountEventsOutPerSubscriberAndTopicAndNoMeterIsRefused() {
        String inventory = "eda_dispatched_total{endpoint=\"kafka:" + INVENTORY + "\",subscriber=\"inventory\"}";
        String fraudReview = "eda_dispatched_total{endpoint=\"kafka:" + FRAUD_REVIEW + "\",subscriber=\"fraud-review\"}";
        double inventoryBefore = metric(inventory);
        double fraudReviewBefore = metric(fraudReview);

        // through HTTP ingest, whose publish is an exchange without a route: the one Camel's notifier mis-tagged
        post("[" + new String(order(UUID.randomUUID().toString(), "m-1", 5000), StandardCharsets.UTF_8) + ","
                + new String(order(UUID.randomUUID().toString(), "m-2", 20), StandardCharsets.UTF_8) + "]");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(metric(inventory)).isEqualTo(inventoryBefore + 2);
            assertThat(metric(fraudReview)).isEqualTo(fraudReviewBefore + 1);
        });
        assertThat(scrape()).contains("camel_exchange_event_notifier_seconds_count{camelContext=\"eda-router\","
                + "endpointName=\"platform-http:///events\",eventType=\"ExchangeCompletedEvent\",failed=\"false\","
                + "kind=\"CamelExchangeEvent\",routeId=\"http-ingest\"}");
        assertThat(router.logContains("registration has failed")).as("a meter refused by Prometheus, see " + router.logFile())
                .isFalse();
    }

    private static void post(String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/events")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the sample named exactly {@code sample} (name and labels), 0 when there is none yet. */
    private static double metric(String sample) {
        Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " ([0-9.Ee+-]+)$", Pattern.MULTILINE).matcher(scrape());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/observe/metrics")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
