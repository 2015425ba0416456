package io.edarouter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A valid event the store refuses every time (its eventId is already stored in another stream) is tried
 * {@code eda.ingest.max-attempts} times, then dead-lettered with its bytes and the reason; the events around it
 * are stored and the consumer moves on.
 */
class PoisonRecordIT {

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession().with("eda.ingest.max-attempts", "3");

    @Test
    void recordTheStoreKeepsRefusingIsDeadLetteredAfterBoundedAttemptsAndTheRestIsStored() throws Exception {
        KafkaTopics kafka = run.kafka().topics();
        String input = run.input();
        try (RouterHarness router = RouterHarness.start(run.keys())) {
            EventStore store = router.context().getComponent("eventstore", EventStoreComponent.class).getEventStore();
            String id = UUID.randomUUID().toString();
            kafka.send(input, "order-a", event(id, "order-a", 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> store.headPosition() == 1);

            byte[] poison = event(id, "order-b", 0); // the same eventId, another stream: refused on every attempt
            kafka.send(input, "order-b", poison);
            kafka.send(input, "order-b", event(UUID.randomUUID().toString(), "order-b", 1));

            List<ConsumerRecord<String, byte[]>> dead = kafka.awaitRecord(run.deadLetter(),
                    r -> Arrays.equals(r.value(), poison), Duration.ofSeconds(60));
            ConsumerRecord<String, byte[]> letter = dead.get(dead.size() - 1);
            assertThat(header(letter, "eda-error-stage")).isEqualTo("pipeline");
            assertThat(header(letter, "eda-error-reason")).startsWith("DuplicateEventIdException");
            assertThat(header(letter, "eda-source-topic")).isEqualTo(input);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    store.readStream("order-b", 0, 10, ReadDirection.FORWARD)).extracting(RecordedEvent::streamVersion)
                    .containsExactly(0L));
        }
    }

    private static byte[] event(String id, String subject, int seq) {
        return ("{\"eventId\":\"" + id + "\",\"eventType\":\"OrderPaid\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"test\",\"subject\":\"" + subject + "\",\"data\":{\"seq\":" + seq + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
