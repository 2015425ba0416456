package io.edarouter.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.testsupport.ElasticMqTestBroker;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.SqsQueues;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped YAML pipeline fed from an Amazon SQS queue (ElasticMQ): the seed event stored once and dispatched to a
 * subscriber's SQS queue, to a Kafka topic and, SNS-style, to a second (FIFO) queue; a malformed message
 * dead-lettered to an SQS queue with its bytes and why, and deleted from the input like a stored one.
 */
class SqsPipelineIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static final ElasticMqTestBroker SQS = ElasticMqTestBroker.shared();
    @RegisterExtension
    @Order(2)
    static final RouterRun RUN = RouterRun.onKafka();

    private static final String INPUT = "orders-" + RUN.id();
    private static final String INVENTORY = RUN.inventory();
    /** The second queue of the fan-out: a FIFO queue, one message group per stream. */
    private static final String BILLING = "billing-" + RUN.id() + ".fifo";
    private static final String DEAD_LETTER = RUN.deadLetter();

    private static RouterHarness router;
    private static SqsQueues queues;

    @BeforeAll
    static void start() throws Exception {
        queues = SQS.queues();
        for (String queue : List.of(INPUT, INVENTORY, BILLING, DEAD_LETTER)) {
            queues.create(queue);
        }
        // SNS-style fan-out with the subscriber table: one event, several SQS queues (and a Kafka topic)
        String subscribers = """
                subscribers:
                  - name: inventory
                    pattern: {eventType: [OrderCreated]}
                    topic: "%s"
                  - name: billing
                    pattern: {eventType: [OrderCreated]}
                    to: "aws2-sqs:%s"
                  - name: inventory-on-kafka
                    pattern: {eventType: [OrderCreated]}
                    to: "kafka:%s"
                """.formatted(INVENTORY, BILLING, INVENTORY);
        Map<String, String> keys = RUN.with(SQS.routerKeys(INPUT)).withSubscribers(subscribers).keys();
        router = RouterHarness.start(keys);
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (queues != null) {
            queues.close();
        }
    }

    @Test
    void seedEventFromAnSqsProducerIsStoredOnceAndFansOutToTwoQueuesAndAKafkaTopic() {
        String eventId = UUID.randomUUID().toString();
        String seed = new String(Fixtures.orderCreated(eventId, "4242", 99.99), StandardCharsets.UTF_8);
        queues.send(INPUT, seed, null, null);
        queues.send(INPUT, seed, null, null);

        List<Message> inventory = queues.receiveUntil(INVENTORY, got -> contains(got, eventId), TIMEOUT);
        List<Message> billing = queues.receiveUntil(BILLING, got -> contains(got, eventId), TIMEOUT);
        List<ConsumerRecord<String, byte[]>> onKafka = RUN.kafka().topics().awaitRecord(INVENTORY,
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(eventId), TIMEOUT);

        assertThat(inventory).filteredOn(m -> m.body().contains(eventId)).isNotEmpty();
        assertThat(billing).filteredOn(m -> m.body().contains(eventId)).singleElement().satisfies(m -> {
            assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("order-4242");
            assertThat(m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).isEqualTo(eventId);
        });
        assertThat(onKafka).filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId))
                .first().extracting(ConsumerRecord::key).isEqualTo("order-4242");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(eventId)).singleElement()
                .satisfies(stored -> assertThat(stored.stream()).isEqualTo("order-4242")));
        // deleted once stored and dispatched: nothing comes back after the visibility timeout
        await().atMost(TIMEOUT).until(() -> queues.visibleAndInFlight(INPUT) == 0);
    }

    @Test
    void malformedMessageIsDeadLetteredWithItsBytesAndTheNextEventStillFlows() {
        String malformed = "not an event " + UUID.randomUUID();
        String nextId = UUID.randomUUID().toString();
        String sentId = queues.send(INPUT, malformed, null, null);
        queues.send(INPUT, new String(Fixtures.orderCreated(nextId, "4243", 5), StandardCharsets.UTF_8), null, null);

        List<Message> letters = queues.receiveUntil(DEAD_LETTER, got -> contains(got, malformed), TIMEOUT);

        assertThat(letters).filteredOn(m -> m.body().equals(malformed)).singleElement().satisfies(letter -> {
            assertThat(SqsQueues.attribute(letter, "eda-error-stage")).isEqualTo("decode");
            assertThat(SqsQueues.attribute(letter, "eda-error-reason")).startsWith("not valid JSON");
            assertThat(SqsQueues.attribute(letter, "eda-source-topic")).isEqualTo(INPUT);
            assertThat(SqsQueues.attribute(letter, "eda-source-message-id")).isEqualTo(sentId);
        });
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(router.storedWithId(nextId)).hasSize(1));
    }

    @Test
    void loneMalformedMessageIsDeadLetteredOnceAndDeletedFromTheInput() {
        String malformed = "{\"lone\": " + UUID.randomUUID().toString().length() + ", \"id\": \"" + UUID.randomUUID() + "\"}";
        queues.send(INPUT, malformed, null, null);

        List<Message> letters = queues.receiveUntil(DEAD_LETTER, got -> contains(got, malformed), TIMEOUT);

        assertThat(letters).filteredOn(m -> m.body().equals(malformed)).singleElement()
                .satisfies(letter -> assertThat(SqsQueues.attribute(letter, "eda-error-stage")).isNotBlank());
        // not left to come back after its visibility timeout (and be dead-lettered again)
        await().atMost(TIMEOUT).until(() -> queues.visibleAndInFlight(INPUT) == 0);
    }

    private static boolean contains(List<Message> messages, String text) {
        return messages.stream().anyMatch(m -> m.body().contains(text));
    }
}
