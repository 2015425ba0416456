package io.edarouter.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shipped YAML pipeline fed from a real Pulsar standalone: the same flow as on Kafka. */
class PulsarPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final RouterRun RUN = RouterRun.onPulsar();
    private static final String INPUT = RUN.input();
    private static final String INVENTORY = RUN.inventory();
    private static final String DEAD_LETTER = RUN.deadLetter();
    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN);

    private static PulsarClient pulsar;

    @BeforeAll
    static void connect() throws Exception {
        pulsar = PulsarClient.builder().serviceUrl(RUN.pulsar().serviceUrl()).build();
    }

    @AfterAll
    static void close() throws Exception {
        if (pulsar != null) {
            pulsar.close();
        }
    }

    @Test
    void seedEventFromAPulsarProducerIsStoredOnceAndReachesInventory() throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (Consumer<byte[]> inventory = subscribe(INVENTORY); Producer<byte[]> producer = producer()) {
            producer.newMessage().value(Fixtures.orderCreated(eventId, "4242", 99.99)).send();
            producer.newMessage().value(Fixtures.orderCreated(eventId, "4242", 99.99)).send();

            Message<byte[]> dispatched = receiveMatching(inventory, eventId);

            assertThat(dispatched.getKey()).isEqualTo("order-4242");
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(eventId))
                .singleElement()
                .satisfies(stored -> assertThat(stored.stream()).isEqualTo("order-4242")));
    }

    @Test
    void malformedMessageIsDeadLetteredWithItsBytesAndTheNextEventStillFlows() throws Exception {
        byte[] malformed = "not an event".getBytes(StandardCharsets.UTF_8);
        String nextId = UUID.randomUUID().toString();
        try (Consumer<byte[]> deadLetters = subscribe(DEAD_LETTER); Producer<byte[]> producer = producer()) {
            producer.newMessage().key("k-9").value(malformed).send();
            producer.newMessage().value(Fixtures.orderCreated(nextId, "4243", 5)).send();

            Message<byte[]> letter = deadLetters.receive((int) TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            assertThat(letter).as("a dead letter within " + TIMEOUT).isNotNull();
            assertThat(letter.getValue()).isEqualTo(malformed);
            assertThat(letter.getKey()).isEqualTo("k-9");
            assertThat(letter.getProperty("eda-error-stage")).isEqualTo("decode");
            assertThat(letter.getProperty("eda-error-reason")).startsWith("not valid JSON");
            assertThat(letter.getProperty("eda-source-topic")).endsWith(INPUT);
            assertThat(letter.getProperty("eda-source-message-id")).isNotBlank();
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(nextId)).hasSize(1));
    }

    private static Producer<byte[]> producer() throws Exception {
        return pulsar.newProducer().topic(PulsarTestBroker.topic(INPUT)).create();
    }

    private static Consumer<byte[]> subscribe(String topic) throws Exception {
        return pulsar.newConsumer().topic(PulsarTestBroker.topic(topic)).subscriptionName("test-" + UUID.randomUUID())
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe();
    }

    private static Message<byte[]> receiveMatching(Consumer<byte[]> consumer, String text) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Message<byte[]> message = consumer.receive(1, TimeUnit.SECONDS);
            if (message != null && new String(message.getValue(), StandardCharsets.UTF_8).contains(text)) {
                return message;
            }
        }
        throw new AssertionError("no message containing " + text + " within " + TIMEOUT);
    }

}
