package io.edarouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ingest dead letters through the HTTP API, on PostgreSQL and Kafka: {@code GET /dlq} lists what the pipeline
 * refused with its reason and source; once the cause is fixed, {@code POST /dlq/redrive} sends the original bytes
 * through the pipeline again and the event lands in the store once, however often it is redriven.
 */
class DeadLetterApiIT {

    /** Both routers of the test: the same topics and database. */
    @RegisterExtension
    static final RouterRun ROUTER = RouterRun.onKafka();
    private static final String RUN = ROUTER.id();
    private static final String INPUT = ROUTER.input();

    @Test
    void refusedInputIsListedWithItsReasonAndOnceFixedRedrivesIntoTheStoreOnce() throws Exception {
        String eventId = UUID.randomUUID().toString();
        byte[] original = ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"CustomerRegistered\","
                + "\"timestamp\":\"2024-01-01T00:10:00Z\",\"source\":\"customer-service\","
                + "\"data\":{\"customerId\":\"" + RUN + "\"}}").getBytes(StandardCharsets.UTF_8);
        String stream = "customer-" + RUN;
        long deadLetterId;

        // a router whose stream expression cannot tell this event's stream refuses it
        try (RouterHarness router = start("${body.data[orderId]}")) {
            OperateApi api = new OperateApi(router);
            ROUTER.kafka().topics().send(INPUT, stream, original);

            await().atMost(Duration.ofSeconds(60)).until(() -> !api.getArray("/dlq?kind=ingest").isEmpty());
            Map<String, Object> listed = api.getArray("/dlq?kind=ingest").get(0);
            assertThat(listed).containsEntry("kind", "ingest").containsEntry("stage", "stream")
                    .containsEntry("eventId", eventId).doesNotContainKey("payload");
            assertThat((String) listed.get("reason")).contains("${body.data[orderId]}").contains("gave no value");
            assertThat(listed.get("source").toString()).contains("topic=" + INPUT).contains("offset=");
            assertThat(Base64.getDecoder().decode((String) api.getArray("/dlq?kind=ingest&payload=true").get(0)
                    .get("payload"))).isEqualTo(original);
            deadLetterId = ((Number) listed.get("id")).longValue();
        }

        // fixed: the stream expression names a customer's stream; redriven twice, stored once
        try (RouterHarness router = start("customer-${body.data[customerId]}")) {
            OperateApi api = new OperateApi(router);
            Map<String, Object> first = api.postForObject("/dlq/redrive", "{\"ids\": [" + deadLetterId + "]}", 202);
            assertThat(first.get("redriven").toString()).isEqualTo("[" + deadLetterId + "]");
            await().atMost(Duration.ofSeconds(60)).until(() -> !api.getArray("/streams/" + stream).isEmpty());
            api.postForObject("/dlq/redrive", "{\"ids\": [" + deadLetterId + "]}", 202);
            // a marker on the same key comes after the second redrive: once it is stored, the redrive was handled
            String marker = UUID.randomUUID().toString();
            api.postForObject("/events", "{\"eventId\":\"" + marker + "\",\"eventType\":\"CustomerUpdated\","
                    + "\"timestamp\":\"2024-01-01T00:11:00Z\",\"source\":\"customer-service\",\"subject\":\"" + stream
                    + "\",\"data\":{\"customerId\":\"" + RUN + "\"}}", 202);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.getArray("/streams/" + stream))
                    .extracting(e -> e.get("eventId")).containsExactly(eventId, marker));
            assertThat(api.getArray("/dlq?kind=ingest")).singleElement()
                    .satisfies(d -> assertThat(d).containsKey("redrivenAt"));
            List<Map<String, Object>> all = api.getArray("/streams/$all?from=0&limit=1000");
            System.out.printf("SCENARIO ingest-redrive: sent=1 refused=1 redriven=2 stored=%d duplicated=%d%n",
                    all.stream().filter(e -> eventId.equals(e.get("eventId"))).count(),
                    all.stream().filter(e -> eventId.equals(e.get("eventId"))).count() - 1);
        }
    }

    private static RouterHarness start(String streamExpression) throws Exception {
        return RouterHarness.start(ROUTER.with("eda.store.stream-expression", streamExpression).keys());
    }
}
