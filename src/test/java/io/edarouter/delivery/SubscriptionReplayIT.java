package io.edarouter.delivery;

import static io.edarouter.delivery.OperateApi.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /subscriptions} and {@code POST /subscriptions/{name}/replay} on PostgreSQL and Kafka: a filtered replay
 * re-delivers the matching events to one subscriber and leaves its checkpoint; an unfiltered one moves the running
 * subscription's checkpoint back; the other subscriber gets nothing again.
 */
class SubscriptionReplayIT {

    private static final RouterRun RUN = RouterRun.onKafka();
    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(
            OperateApi.withBillingAndAudit(RUN, "billing-dead-letter-" + RUN.id()));

    private static OperateApi api;
    private static final List<String> billing = new CopyOnWriteArrayList<>();
    private static final List<String> audit = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void addTheSubscribersEndpoints() throws Exception {
        router.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:billing-endpoint").process(e -> billing.add(e.getMessage().getHeader(
                        "CamelEventStoreEventId", String.class)));
                from("direct:audit-endpoint").process(e -> audit.add(e.getMessage().getHeader(
                        "CamelEventStoreEventId", String.class)));
            }
        });
        api = new OperateApi(router);
    }

    @Test
    void replayRedeliversToOneSubscriberFilteredByPatternOrFromAPointInTime() throws Exception {
        String a1 = UUID.randomUUID().toString();
        String b1 = UUID.randomUUID().toString();
        String a2 = UUID.randomUUID().toString();
        api.postForObject("/events", "[" + event(a1, "8001", 10) + "," + event(b1, "8002", 20) + ","
                + event(a2, "8001", 30) + "]", 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> billing.size() == 3 && audit.size() == 3);
        await().untilAsserted(() -> assertThat(api.getArray("/subscriptions"))
                .extracting(s -> s.get("name") + ":" + s.get("position") + ":" + s.get("lag"))
                .containsExactlyInAnyOrder("audit:3:0", "billing:3:0"));

        // the store's global order (streams on different partitions may interleave either way)
        List<String> stored = api.getArray("/streams/$all?from=0&limit=10").stream()
                .map(e -> (String) e.get("eventId")).toList();
        List<String> order8001 = stored.stream().filter(id -> id.equals(a1) || id.equals(a2)).toList();
        // billing is ordered per stream, not across streams: 8001's events in store order, 8002's alone
        assertThat(billing).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(only(billing, order8001)).containsExactlyElementsOf(order8001);

        Map<String, Object> filtered = api.postForObject("/subscriptions/billing/replay",
                "{\"fromPosition\": 0, \"pattern\": {\"data\": {\"orderId\": [\"8001\"]}}}", 202);

        assertThat(filtered).containsEntry("mode", "resend").containsEntry("fromPosition", 0).containsEntry("toPosition", 3);
        await().untilAsserted(() -> assertThat(billing)
                .containsExactlyInAnyOrderElementsOf(concat(stored, order8001)));
        assertThat(only(billing, order8001)).containsExactlyElementsOf(concat(order8001, order8001));

        Map<String, Object> fromTime = api.postForObject("/subscriptions/audit/replay",
                "{\"fromTime\": \"2000-01-01T00:00:00Z\"}", 202);

        assertThat(fromTime).containsEntry("mode", "checkpoint").containsEntry("events", 3);
        // audit is unordered: every event again, in whatever order its deliveries finished
        await().untilAsserted(() -> assertThat(audit)
                .containsExactlyInAnyOrderElementsOf(concat(stored, stored)));
        assertThat(billing).hasSize(5);
        await().untilAsserted(() -> assertThat(api.getArray("/subscriptions"))
                .extracting(s -> s.get("name") + ":" + s.get("position"))
                .containsExactlyInAnyOrder("audit:3", "billing:3"));
        assertThat(api.post("/subscriptions/nobody/replay", "{\"fromPosition\": 0}").statusCode()).isEqualTo(404);
        assertThat(api.post("/subscriptions/billing/replay", "{\"fromPosition\": 0, \"pattern\": {\"x\": 1}}")
                .statusCode()).isEqualTo(400);
    }

    /** The deliveries of the given events, in delivery order. */
    private static List<String> only(List<String> delivered, List<String> events) {
        return delivered.stream().filter(events::contains).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new java.util.ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
