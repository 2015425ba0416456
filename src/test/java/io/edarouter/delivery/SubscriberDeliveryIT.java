package io.edarouter.delivery;

import static io.edarouter.delivery.OperateApi.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The acceptance scenario of store-driven delivery, on PostgreSQL and Kafka: billing's endpoint is down for a while;
 * its events are retried with growing delays and end in its dead-letter topic, audit receives everything meanwhile,
 * and after {@code POST /dlq/redrive} billing has every event, with nothing stored twice.
 */
class SubscriberDeliveryIT {

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String BILLING_DEAD_LETTERS = "billing-dead-letter-" + RUN.id();
    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(
            OperateApi.withBillingAndAudit(RUN, BILLING_DEAD_LETTERS));

    private static OperateApi api;
    private static final AtomicBoolean billingDown = new AtomicBoolean();
    private static final List<String> billing = new CopyOnWriteArrayList<>();
    private static final List<String> audit = new CopyOnWriteArrayList<>();
    private static final Map<String, List<Long>> billingAttempts = new ConcurrentHashMap<>();

    @BeforeAll
    static void addTheSubscribersEndpoints() throws Exception {
        router.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:billing-endpoint").routeId("billing-endpoint").process(exchange -> {
                    String eventId = exchange.getMessage().getHeader("CamelEventStoreEventId", String.class);
                    billingAttempts.computeIfAbsent(eventId, id -> new CopyOnWriteArrayList<>())
                            .add(System.nanoTime() / 1_000_000);
                    if (billingDown.get()) {
                        throw new IllegalStateException("billing answers HTTP 503");
                    }
                    billing.add(eventId);
                });
                from("direct:audit-endpoint").routeId("audit-endpoint")
                        .process(exchange -> audit.add(exchange.getMessage().getHeader("CamelEventStoreEventId",
                                String.class)));
            }
        });
        api = new OperateApi(router);
    }

    @Test
    void billingDownForAWhileEndsInItsDeadLettersAuditGetsEverythingAndRedriveCompletesBilling() throws Exception {
        List<String> before = ids(2);
        List<String> during = ids(4);
        List<String> all = new ArrayList<>(before);
        all.addAll(during);

        // billing up: the first two arrive
        api.postForObject("/events", "[" + event(before.get(0), "7001", 10) + "," + event(before.get(1), "7002", 20)
                + "]", 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> billing.containsAll(before));

        // billing down: four more, two per stream; audit gets them all meanwhile
        billingDown.set(true);
        api.postForObject("/events", "[" + event(during.get(0), "7001", 30) + "," + event(during.get(1), "7002", 40)
                + "," + event(during.get(2), "7001", 50) + "," + event(during.get(3), "7002", 60) + "]", 202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(audit).containsExactlyInAnyOrderElementsOf(all));

        // each one is tried 4 times with growing delays, then dead-lettered with why
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api.getArray("/dlq?kind=subscriber&subscription=billing")).hasSize(4));
        List<Map<String, Object>> deadLetters = api.getArray("/dlq?kind=subscriber&subscription=billing");
        assertThat(deadLetters).extracting(d -> d.get("eventId")).containsExactlyInAnyOrderElementsOf(during);
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d).containsEntry("attempts", 4).containsEntry("stage", "deliver");
            assertThat((String) d.get("reason")).contains("4 attempts").contains("HTTP 503");
        });
        for (String id : during) {
            List<Long> times = billingAttempts.get(id);
            assertThat(times).hasSize(4);
            long first = times.get(1) - times.get(0);
            long last = times.get(3) - times.get(2);
            assertThat(first).as("first retry delay of " + id).isBetween(40L, 1_000L);
            assertThat(last).as("third retry delay of " + id).isGreaterThan(first).isGreaterThanOrEqualTo(190L);
        }
        List<ConsumerRecord<String, byte[]>> topic = RUN.kafka().topics()
                .awaitRecord(BILLING_DEAD_LETTERS, r -> countIds(r, during), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = topic.get(0);
        assertThat(header(record, "eda-attempts")).isEqualTo("4");
        assertThat(header(record, "eda-subscription")).isEqualTo("billing");
        assertThat(header(record, "eda-error-reason")).contains("HTTP 503");
        assertThat(header(record, "eda-stream")).startsWith("order-700");
        assertThat(header(record, "eda-global-position")).isNotNull();
        // two streams, so either order (billing is ordered per stream)
        assertThat(billing).containsExactlyInAnyOrderElementsOf(before);

        // billing back up: redrive its dead letters
        billingDown.set(false);
        Map<String, Object> redrive = api.postForObject("/dlq/redrive",
                "{\"all\": true, \"kind\": \"subscriber\", \"subscription\": \"billing\"}", 202);
        assertThat((List<?>) redrive.get("redriven")).hasSize(4);
        assertThat((List<?>) redrive.get("skipped")).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(billing).containsExactlyInAnyOrderElementsOf(all));
        List<Map<String, Object>> stored = api.getArray("/streams/$all?from=0&limit=1000");
        assertThat(stored).extracting(e -> e.get("eventId")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(api.getArray("/dlq?subscription=billing&pending=true")).isEmpty();
        await().untilAsserted(() -> assertThat(api.getArray("/subscriptions"))
                .extracting(s -> s.get("name") + ":" + s.get("lag")).containsExactlyInAnyOrder("audit:0", "billing:0"));
        System.out.printf("SCENARIO subscriber-down: sent=%d stored=%d duplicated=%d audit=%d billing=%d"
                + " dead-lettered=%d redriven=%d%n", all.size(), stored.size(), stored.size() - all.size(),
                audit.size(), billing.size(), deadLetters.size(), ((List<?>) redrive.get("redriven")).size());
    }

    private static boolean countIds(ConsumerRecord<String, byte[]> record, List<String> ids) {
        return ids.contains(header(record, "eda-event-id"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }
}
