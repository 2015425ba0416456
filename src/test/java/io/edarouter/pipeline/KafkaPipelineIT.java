package io.edarouter.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shipped YAML pipeline on a real Kafka broker and PostgreSQL: consume, validate, store, dispatch. */
class KafkaPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String INPUT = RUN.input();
    private static final String INVENTORY = RUN.inventory();
    private static final String FRAUD = RUN.fraudReview();
    private static final String DEAD_LETTER = RUN.deadLetter();
    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN);

    private final KafkaTopics kafka = RUN.kafka().topics();

    @Test
    void seedEventFromAPlainProducerIsStoredOnceAndReachesInventory() throws Exception {
        String eventId = UUID.randomUUID().toString();
        byte[] event = Fixtures.orderCreated(eventId, "12345", 99.99);

        kafka.send(INPUT, null, event);
        kafka.send(INPUT, null, event);

        List<ConsumerRecord<String, byte[]>> inventory = kafka.awaitRecord(INVENTORY, r -> contains(r.value(), eventId), TIMEOUT);
        ConsumerRecord<String, byte[]> dispatched = inventory.stream().filter(r -> contains(r.value(), eventId)).findFirst().orElseThrow();
        assertThat(dispatched.key()).isEqualTo("order-12345");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(eventId))
                .singleElement()
                .satisfies(stored -> {
                    assertThat(stored.stream()).isEqualTo("order-12345");
                    assertThat(stored.streamVersion()).isZero();
                    assertThat(stored.event().data().get("amount").decimalValue()).isEqualByComparingTo("99.99");
                }));
    }

    @Test
    void traceparentOfTheInputIsStoredAndTravelsWithTheDispatchedEvent() {
        String eventId = UUID.randomUUID().toString();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        kafka.send(INPUT, null, Fixtures.orderCreated(eventId, "trace-1", 20), Map.of("traceparent", traceparent));

        ConsumerRecord<String, byte[]> dispatched = kafka.awaitRecord(INVENTORY, r -> contains(r.value(), eventId), TIMEOUT)
                .stream().filter(r -> contains(r.value(), eventId)).findFirst().orElseThrow();
        assertThat(header(dispatched, "traceparent")).isEqualTo(traceparent);
        assertThat(router.storedWithId(eventId)).singleElement()
                .satisfies(stored -> assertThat(stored.event().metadataText("traceparent")).isEqualTo(traceparent));
    }

    @Test
    void largeOrderGoesToFraudReview() {
        String eventId = UUID.randomUUID().toString();

        kafka.send(INPUT, null, Fixtures.orderCreated(eventId, "777", 5000));

        kafka.awaitRecord(FRAUD, r -> contains(r.value(), eventId), TIMEOUT);
    }

    @Test
    void malformedMessageIsDeadLetteredWithItsBytesAndTheNextEventStillFlows() {
        byte[] malformed = "{\"eventId\": \"broken\", \u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String nextId = UUID.randomUUID().toString();

        kafka.send(INPUT, "k-1", malformed);
        kafka.send(INPUT, "k-1", Fixtures.orderCreated(nextId, "555", 10));

        List<ConsumerRecord<String, byte[]>> dead = kafka.awaitRecord(DEAD_LETTER,
                r -> java.util.Arrays.equals(r.value(), malformed), TIMEOUT);
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> java.util.Arrays.equals(r.value(), malformed))
                .findFirst().orElseThrow();
        assertThat(letter.key()).isEqualTo("k-1");
        assertThat(header(letter, "eda-error-stage")).isEqualTo("decode");
        assertThat(header(letter, "eda-error-reason")).startsWith("not valid JSON");
        assertThat(header(letter, "eda-source-topic")).isEqualTo(INPUT);
        assertThat(header(letter, "eda-source-partition")).isNotBlank();
        assertThat(header(letter, "eda-source-offset")).isNotBlank();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(nextId)).hasSize(1));
    }

    @Test
    void eventMissingARequiredFieldIsDeadLetteredNamingTheField() {
        byte[] invalid = "{\"eventId\":\"x-1\",\"eventType\":\"OrderCreated\",\"source\":\"s\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

        kafka.send(INPUT, null, invalid);

        List<ConsumerRecord<String, byte[]>> dead = kafka.awaitRecord(DEAD_LETTER,
                r -> java.util.Arrays.equals(r.value(), invalid), TIMEOUT);
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> java.util.Arrays.equals(r.value(), invalid))
                .findFirst().orElseThrow();
        assertThat(header(letter, "eda-error-stage")).isEqualTo("validate");
        assertThat(header(letter, "eda-error-reason")).isEqualTo("field 'timestamp': required");
    }

    @Test
    void eventWithNoStreamKeyIsDeadLetteredAtStageStreamNamingTheExpression() {
        String eventId = UUID.randomUUID().toString();
        byte[] noKey = ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":"
                + "\"2024-01-01T00:00:00Z\",\"source\":\"order-service\",\"data\":{\"amount\":10}}")
                .getBytes(StandardCharsets.UTF_8);

        kafka.send(INPUT, null, noKey);

        ConsumerRecord<String, byte[]> letter = kafka.awaitRecord(DEAD_LETTER, r -> java.util.Arrays.equals(r.value(), noKey),
                TIMEOUT).stream().filter(r -> java.util.Arrays.equals(r.value(), noKey)).findFirst().orElseThrow();
        assertThat(header(letter, "eda-error-stage")).isEqualTo("stream");
        assertThat(header(letter, "eda-error-reason")).contains(eventId)
                .contains("eda.store.stream-expression 'order-${body.data[orderId]}'").contains("gave no value");
        assertThat(router.storedWithId(eventId)).isEmpty();
    }

    private static boolean contains(byte[] value, String text) {
        return value != null && new String(value, StandardCharsets.UTF_8).contains(text);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
