package io.edarouter.kinesis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.edarouter.store.DeadLetter;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.KinesaliteTestServer;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.Record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped YAML pipeline fed from a Kinesis stream (kinesalite): the seed's event is stored once and dispatched to
 * a subscriber's Kinesis stream, keyed by its stream, and to a Kafka topic; a malformed record is dead-lettered to the
 * dead-letter stream with its bytes and recorded with the reason, and the records after it still flow.
 */
class KinesisPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KinesaliteTestServer KINESIS = KinesaliteTestServer.shared();
    @RegisterExtension
    static final RouterRun RUN = RouterRun.onKafka();
    private static final String AUDIT_TOPIC = "audit-" + RUN.id();

    private static RouterHarness router;

    @BeforeAll
    static void startRouter() throws Exception {
        KINESIS.createStream(RUN.input(), 2);
        KINESIS.createStream(RUN.inventory(), 1);
        KINESIS.createStream(RUN.deadLetter(), 1);
        RouterRun run = RUN.with(KINESIS.routerKeys(RUN.input())).withSubscribers("""
                subscribers:
                  - name: inventory
                    pattern:
                      eventType: [OrderCreated]
                    topic: "%s"
                  - name: audit
                    pattern:
                      eventType: [OrderCreated]
                    to: "kafka:%s"
                """.formatted(RUN.inventory(), AUDIT_TOPIC));
        router = RouterHarness.start(run.keys());
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void seedEventIsStoredOnceAndReachesTheKinesisSubscriberAndTheKafkaTopic() {
        String eventId = UUID.randomUUID().toString();
        byte[] seed = seedEvent(eventId, "4242");
        KINESIS.put(RUN.input(), "order-4242", seed);
        KINESIS.put(RUN.input(), "order-4242", seed); // a producer's retry: stored once all the same

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(eventId)).singleElement()
                .satisfies(stored -> assertThat(stored.stream()).isEqualTo("order-4242")));
        Record dispatched = await().atMost(TIMEOUT).until(() -> KINESIS.readAll(RUN.inventory()).stream()
                .filter(r -> r.data().asUtf8String().contains(eventId)).findFirst().orElse(null), r -> r != null);
        assertThat(dispatched.partitionKey()).isEqualTo("order-4242");
        List<ConsumerRecord<String, byte[]>> audit = new KafkaTopics(RUN.kafka().bootstrapServers()).awaitRecord(AUDIT_TOPIC,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId), TIMEOUT);
        assertThat(audit.get(audit.size() - 1).key()).isEqualTo("order-4242");
    }

    @Test
    void malformedRecordIsDeadLetteredWithItsBytesAndTheNextEventStillFlows() {
        byte[] malformed = ("not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String nextId = UUID.randomUUID().toString();
        KINESIS.put(RUN.input(), "order-4243", malformed);
        KINESIS.put(RUN.input(), "order-4243", seedEvent(nextId, "4243"));

        Record letter = await().atMost(TIMEOUT).until(() -> KINESIS.readAll(RUN.deadLetter()).stream()
                .filter(r -> Arrays.equals(r.data().asByteArray(), malformed)).findFirst().orElse(null), r -> r != null);
        assertThat(letter.partitionKey()).isEqualTo("order-4243");
        DeadLetter recorded = await().atMost(TIMEOUT).until(() -> deadLetter(malformed), d -> d != null);
        assertThat(recorded.stage()).isEqualTo("decode");
        assertThat(recorded.reason()).startsWith("not valid JSON");
        assertThat(recorded.sourceTopic()).isEqualTo(RUN.input());
        assertThat(recorded.sourceMessageId()).matches("shardId-\\d+/\\d+");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(nextId)).hasSize(1));
    }

    @Test
    void aLoneMalformedRecordIsDeadLetteredAndCheckpointedNotReadAgain() {
        byte[] malformed = ("{\"lone\": \"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        KINESIS.put(RUN.input(), "order-4244", malformed);

        DeadLetter recorded = await().atMost(TIMEOUT).until(() -> deadLetter(malformed), d -> d != null);
        assertThat(recorded.payload()).isEqualTo(malformed);
        // its batch completed: the shard's checkpoint moved past it, so it is not read (nor dead-lettered) again
        String shard = recorded.sourceMessageId().substring(0, recorded.sourceMessageId().indexOf('/'));
        String sequenceNumber = recorded.sourceMessageId().substring(shard.length() + 1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(new java.math.BigInteger(
                router.eventStore().shardLeases().checkpoint(RUN.input(), shard)))
                .isGreaterThanOrEqualTo(new java.math.BigInteger(sequenceNumber)));
        assertThat(router.eventStore().deadLetters().list(DeadLetter.Kind.INGEST, null, false, true, 1000).stream()
                .filter(d -> Arrays.equals(d.payload(), malformed)).count()).isEqualTo(1);
    }

    private static DeadLetter deadLetter(byte[] payload) {
        return router.eventStore().deadLetters().list(DeadLetter.Kind.INGEST, null, false, true, 1000).stream()
                .filter(d -> Arrays.equals(d.payload(), payload)).findFirst().orElse(null);
    }

    static byte[] seedEvent(String eventId, String orderId) {
        try (InputStream in = KinesisPipelineIT.class.getResourceAsStream("/events/seed-order-created.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("7f1c2f9e-3b1a-4c5d-9e8f-1a2b3c4d5e6f", eventId)
                    .replace("\"12345\"", "\"" + orderId + "\"").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
