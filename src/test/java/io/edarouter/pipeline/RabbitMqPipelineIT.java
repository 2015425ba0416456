package io.edarouter.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.rabbitmq.client.GetResponse;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RabbitMqTestBroker;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped YAML pipeline fed from the machine's RabbitMQ (eda.rabbitmq.enabled): stored once, dispatched to a
 * subscriber on RabbitMQ (an exchange, the stream as routing key) and to one on Kafka; bad input dead-lettered with
 * its bytes and acknowledged, the flow going on.
 */
class RabbitMqPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final RabbitMqTestBroker rabbit = RabbitMqTestBroker.shared();
    private static final RouterRun BASE = RouterRun.onKafka();
    private static final String KAFKA_TARGET = "orders-on-kafka-" + BASE.id();
    private static final RouterRun RUN = BASE.withRabbitMq(rabbit).withSubscribers("""
            subscribers:
              - name: inventory
                pattern:
                  eventType: [OrderCreated]
                topic: "%s"
              - name: kafka-copy
                pattern:
                  eventType: [OrderCreated]
                to: "kafka:%s"
            """.formatted(BASE.inventory(), KAFKA_TARGET));
    private static final String INPUT = RUN.input();
    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN);

    @BeforeAll
    static void declareInput() throws Exception {
        rabbit.declareInput(INPUT);
    }

    @Test
    void seedEventIsStoredOnceAndReachesARabbitMqAndAKafkaSubscriber() throws Exception {
        String eventId = UUID.randomUUID().toString();
        byte[] event = Fixtures.orderCreated(eventId, "4242", 99.99);

        rabbit.publish(INPUT, event, "seed-1");
        rabbit.publish(INPUT, event, "seed-2");

        GetResponse dispatched = rabbit.nextContaining(RUN.inventory(), eventId, TIMEOUT);
        assertThat(dispatched.getEnvelope().getExchange()).isEqualTo(RUN.inventory());
        assertThat(dispatched.getEnvelope().getRoutingKey()).isEqualTo("order-4242");
        new KafkaTopics(RUN.kafka().bootstrapServers())
                .awaitRecord(KAFKA_TARGET, r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId), TIMEOUT);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(eventId))
                .singleElement()
                .satisfies(stored -> {
                    assertThat(stored.stream()).isEqualTo("order-4242");
                    assertThat(stored.event().metadata().path("broker").path("system").asText()).isEqualTo("rabbitmq");
                }));
        await().atMost(TIMEOUT).until(() -> rabbit.messages(INPUT) == 0);
    }

    @Test
    void malformedMessageIsDeadLetteredWithItsBytesAndTheNextEventStillFlows() throws Exception {
        byte[] malformed = ("not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String nextId = UUID.randomUUID().toString();

        rabbit.publish(INPUT, malformed, "bad-1");
        rabbit.publish(INPUT, Fixtures.orderCreated(nextId, "4243", 5), "good-1");

        GetResponse letter = rabbit.nextContaining(RUN.deadLetter(), new String(malformed, StandardCharsets.UTF_8), TIMEOUT);
        assertThat(letter.getBody()).isEqualTo(malformed);
        assertThat(header(letter, "eda-error-stage")).isEqualTo("decode");
        assertThat(header(letter, "eda-error-reason")).startsWith("not valid JSON");
        assertThat(header(letter, "eda-source-topic")).isEqualTo(INPUT);
        assertThat(header(letter, "eda-source-message-id")).isEqualTo("bad-1");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(nextId)).hasSize(1));
    }

    @Test
    void loneMalformedMessageIsDeadLetteredAndAcknowledged() throws Exception {
        byte[] malformed = ("{\"eventId\": \"lone-" + UUID.randomUUID() + "\"").getBytes(StandardCharsets.UTF_8);

        rabbit.publish(INPUT, malformed, "lone-1");

        GetResponse letter = rabbit.nextContaining(RUN.deadLetter(), new String(malformed, StandardCharsets.UTF_8), TIMEOUT);
        assertThat(letter.getBody()).isEqualTo(malformed);
        assertThat(header(letter, "eda-source-message-id")).isEqualTo("lone-1");
        // acknowledged, not left delivered-and-unacknowledged (it would come back on the next start)
        await().atMost(TIMEOUT).until(() -> rabbit.messages(INPUT) == 0);
    }

    private static String header(GetResponse message, String name) {
        Object value = message.getProps().getHeaders() == null ? null : message.getProps().getHeaders().get(name);
        return value == null ? null : value.toString();
    }
}
