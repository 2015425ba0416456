package io.edarouter.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.type.TypeReference;
import io.edarouter.store.EventStore;
import io.edarouter.testsupport.ElasticMqTestBroker;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.RabbitMqTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.SqsQueues;
import io.edarouter.testsupport.UserFolderRouter;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll made only of invalid records is a batch like any other: the one record sent alone (raw bytes, a plain
 * producer) is dead-lettered once, its offset committed (Pulsar, RabbitMQ: acknowledged; SQS: deleted), readiness
 * stays UP, and a restarted router does not dead-letter it again. The Pulsar, RabbitMQ and SQS routers, and the
 * Kafka one with {@code eda.ingest.kafka.overlap}, run as a user runs them: {@code java -jar} in a folder with
 * {@code application.properties} and the shipped {@code routes/}, where {@code eda-batch:} reads the broker itself
 * ({@code source=}).
 */
class LoneInvalidRecordIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long "no second dead letter" is watched: well over the redelivery cycle (a poll; Pulsar's 1 s nack delay). */
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] NOT_JSON = "not json".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final PulsarTestBroker pulsarBroker = PulsarTestBroker.shared();
    @RegisterExtension
    static final RabbitMqTestBroker rabbit = RabbitMqTestBroker.shared();
    @RegisterExtension
    static final ElasticMqTestBroker elasticMq = ElasticMqTestBroker.shared();
    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession();

    @Test
    void aLoneInvalidKafkaRecordIsDeadLetteredOnceAndCommitted() throws Exception {
        String input = run.input();
        String deadLetters = run.deadLetter();
        String group = run.group();
        KafkaTopics kafka = run.kafka().topics();
        try (RouterProcess router = RouterProcess.start("lone-invalid-kafka", run.keys());
                EventStore store = IngestLoad.store(run)) {
            kafka.send(input, "k-1", NOT_JSON);

            await().atMost(TIMEOUT).until(() -> run.kafka().committedOffsets(group) == 1);
            assertOneDeadLetterAndReady(router::httpUrl, () -> kafka.readAvailable(deadLetters, QUIET).size());

            router.stop();
            router.restart();
            // the next record of the same partition: once it is stored, the restarted router has read past the first
            kafka.send(input, "k-1", IngestLoad.orderPaid("k-1"));
            IngestLoad.awaitStored(store, 1, TIMEOUT);

            await().atMost(TIMEOUT).until(() -> run.kafka().committedOffsets(group) == 2);
            assertOneDeadLetterAndReady(router::httpUrl, () -> kafka.readAvailable(deadLetters, QUIET).size());
        }
    }

    @Test
    void aLoneInvalidKafkaRecordOnTheOverlappedInputIsDeadLetteredOnceAndCommitted() throws Exception {
        KafkaTopics kafka = run.kafka().topics();
        AtomicInteger sent = new AtomicInteger();
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("lone-invalid-kafka-overlapped").properties(run.keys())
                .property("eda.ingest.kafka.overlap", "true").start();
                EventStore store = IngestLoad.store(run)) {
            aLoneInvalidMessageIsDeadLetteredOnce(router, store, (body, id) -> {
                        kafka.send(run.input(), "k-1", body);
                        sent.incrementAndGet();
                    },
                    () -> run.kafka().committedOffsets(run.group()) == sent.get(),
                    () -> kafka.readAvailable(run.deadLetter(), QUIET).size());
        }
    }

    @Test
    void aLoneInvalidPulsarMessageIsDeadLetteredOnceAndAcknowledged() throws Exception {
        RouterRun run = this.run.withPulsar(pulsarBroker);
        String input = PulsarTestBroker.topic(run.input());
        String deadLetters = PulsarTestBroker.topic(run.deadLetter());
        String subscription = run.group();
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("lone-invalid-pulsar").properties(run.keys()).start();
                EventStore store = IngestLoad.store(run);
                PulsarClient pulsar = PulsarClient.builder().serviceUrl(pulsarBroker.serviceUrl()).build();
                Producer<byte[]> producer = pulsar.newProducer().topic(input).create()) {
            aLoneInvalidMessageIsDeadLetteredOnce(router, store,
                    (body, id) -> producer.newMessage().key("k-1").value(body).send(),
                    () -> pulsarBroker.backlog(input, subscription) == 0, () -> pulsarMessages(pulsar, deadLetters));
        }
    }

    @Test
    void aLoneInvalidRabbitMqMessageIsDeadLetteredOnceAndAcknowledged() throws Exception {
        RouterRun run = this.run.withRabbitMq(rabbit);
        String input = run.input();
        rabbit.declareInput(input);
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("lone-invalid-rabbitmq").properties(run.keys()).start();
                EventStore store = IngestLoad.store(run)) {
            aLoneInvalidMessageIsDeadLetteredOnce(router, store, (body, id) -> rabbit.publish(input, body, id),
                    () -> rabbit.messages(input) == 0, () -> (int) rabbit.messages(run.deadLetter()));
        }
    }

    @Test
    void aLoneInvalidSqsMessageIsDeadLetteredOnceAndDeleted() throws Exception {
        SqsLoad sqs = new SqsLoad(elasticMq, run);
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("lone-invalid-sqs").properties(sqs.keys())
                .start();
                EventStore store = IngestLoad.store(run);
                SqsQueues queues = elasticMq.queues()) {
            // deleted, not left in flight: it would come back once its visibility timeout (5 s here) ran out
            aLoneInvalidMessageIsDeadLetteredOnce(router, store,
                    (body, id) -> queues.send(sqs.input, new String(body, StandardCharsets.UTF_8), "k-1", id),
                    () -> queues.visibleAndInFlight(sqs.input) == 0, () -> queues.visibleAndInFlight(run.deadLetter()));
        }
    }

    /** Sends one message to the router's input; {@code id}: its message id, where the broker has one. */
    private interface Send {
        void send(byte[] body, String id) throws Exception;
    }

    /**
     * The scenario of the routers run from a folder: a lone invalid message is dead-lettered once and leaves the
     * input ({@code inputDone}); after a restart (SIGTERM) there is still one letter, and the next event is stored.
     */
    private static void aLoneInvalidMessageIsDeadLetteredOnce(UserFolderRouter router, EventStore store, Send send,
            Callable<Boolean> inputDone, Callable<Integer> onTopic)
            throws Exception {
        send.send(NOT_JSON, "lone-1");

        await().atMost(TIMEOUT).until(() -> deadLetterCount(router::httpUrl) == 1 && inputDone.call());
        assertOneDeadLetterAndReady(router::httpUrl, onTopic);

        router.stop();
        router.restart();
        send.send(IngestLoad.orderPaid("k-1"), "next-1");
        IngestLoad.awaitStored(store, 1, TIMEOUT);

        await().atMost(TIMEOUT).until(inputDone);
        assertOneDeadLetterAndReady(router::httpUrl, onTopic);
    }

    /**
     * Exactly one letter on the topic and in GET /dlq, and readiness UP, for as long as {@link #QUIET}; {@code url}
     * gives the router's address of a path.
     */
    private static void assertOneDeadLetterAndReady(UnaryOperator<String> url, Callable<Integer> onTopic)
            throws Exception {
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> deadLetterCount(url) == 1
                && get(url, "/observe/health/ready").statusCode() == 200);
        assertThat(onTopic.call()).as("records on the dead-letter topic").isEqualTo(1);
    }

    private static int deadLetterCount(UnaryOperator<String> url) throws Exception {
        HttpResponse<String> response = get(url, "/dlq?kind=ingest");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Map<String, Object>> letters = OperateApi.JSON.readValue(response.body(), new TypeReference<>() { });
        return letters.size();
    }

    private static HttpResponse<String> get(UnaryOperator<String> url, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url.apply(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every message on the topic, read from its start by a subscription of the test's own. */
    private static int pulsarMessages(PulsarClient pulsar, String topic) throws Exception {
        int count = 0;
        try (Consumer<byte[]> consumer = pulsar.newConsumer().topic(topic).subscriptionName("test-" + UUID.randomUUID())
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest).subscribe()) {
            while (consumer.receive((int) QUIET.toMillis(), TimeUnit.MILLISECONDS) != null) {
                count++;
            }
        }
        return count;
    }
}
