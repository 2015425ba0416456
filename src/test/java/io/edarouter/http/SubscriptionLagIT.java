package io.edarouter.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lag of a {@code $et-} subscription, in {@code GET /subscriptions} and in {@code eda_subscription_lag}, counts the
 * events of its type it has yet to deliver, not the events of other types stored after its checkpoint.
 */
class SubscriptionLagIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LAG_METRIC =
            Pattern.compile("(?m)^eda_subscription_lag\\{[^}]*subscription=\"order-shipped\"[^}]*\\} (\\S+)$");

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RouterRun.onKafka().with(
            "camel.main.routes-include-pattern",
            "file:routes/*.camel.yaml,classpath:subscribers/order-shipped.camel.yaml"));
    private static final List<String> delivered = new CopyOnWriteArrayList<>();
    /** Closed, the subscriber's endpoint holds the event it is given: the subscription stops delivering there. */
    private static volatile CountDownLatch endpointOpen = new CountDownLatch(0);

    @BeforeAll
    static void addTheSubscribersEndpoint() throws Exception {
        router.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:order-shipped-endpoint").process(exchange -> {
                    endpointOpen.await();
                    delivered.add(exchange.getMessage().getHeader("CamelEventStoreEventId", String.class));
                });
            }
        });
    }

    @AfterAll
    static void openTheEndpoint() {
        // before the router stops: it would wait for the event its endpoint holds
        endpointOpen.countDown();
    }

    @Test
    void lagCountsOnlyTheUndeliveredEventsOfTheSubscriptionsType() throws Exception {
        post(event("OrderShipped", "7001"), event("OrderShipped", "7002"));
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 2);
        // events of other types, stored after the subscription's checkpoint
        List<String> others = post(event("OrderCreated", "7003"), event("OrderPaid", "7003"), event("OrderCreated", "7004"));
        awaitStored(others);

        await().untilAsserted(() -> assertThat(orderShipped()).containsEntry("stream", "$et-OrderShipped")
                .containsEntry("lag", 0));
        assertThat(lagMetric()).isEqualTo(0);

        endpointOpen = new CountDownLatch(1);
        List<String> undelivered = post(event("OrderShipped", "7005"), event("OrderShipped", "7006"),
                event("OrderShipped", "7007"));
        awaitStored(undelivered);
        awaitStored(post(event("OrderCreated", "7008"), event("OrderPaid", "7008")));

        await().untilAsserted(() -> assertThat(orderShipped()).containsEntry("lag", 3));
        await().untilAsserted(() -> assertThat(lagMetric()).isEqualTo(3));

        endpointOpen.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(delivered).containsAll(undelivered);
            assertThat(orderShipped()).containsEntry("lag", 0);
            assertThat(lagMetric()).isEqualTo(0);
        });
    }

    private static Map<String, Object> orderShipped() throws Exception {
        HttpResponse<String> response = get("/subscriptions");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> subscriptions = JSON.readValue(response.body(), new TypeReference<>() { });
        return subscriptions.stream().filter(s -> "order-shipped".equals(s.get("name"))).findFirst().orElseThrow();
    }

    private static double lagMetric() throws Exception {
        Matcher lag = LAG_METRIC.matcher(get("/observe/metrics").body());
        assertThat(lag.find()).as("eda_subscription_lag of order-shipped is scraped").isTrue();
        return Double.parseDouble(lag.group(1));
    }

    private static void awaitStored(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> eventIds.stream().allMatch(id -> !router.storedWithId(id).isEmpty()));
    }

    /** Posts the events, each a {@code {"eventId", ...}} object, and returns their ids. */
    @SafeVarargs
    private static List<String> post(Map<String, Object>... events) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/events")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(List.of(events)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return List.of(events).stream().map(e -> (String) e.get("eventId")).toList();
    }

    private static Map<String, Object> event(String type, String orderId) {
        return Map.of("eventId", UUID.randomUUID().toString(), "eventType", type, "timestamp", "2024-01-01T00:00:00Z",
                "source", "order-service", "data", Map.of("orderId", orderId, "amount", 10));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
