package io.edarouter.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import io.edarouter.observe.EdaMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka producer that cannot leave a bad state (sends that never finish, an idempotent producer refused with
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER}) fails the exchange at once and is replaced, so the retried exchange goes
 * through a new producer instead of waiting behind the old one.
 */
class StuckProducerTest {

    private static final String ORDER = "{\"eventType\":\"OrderCreated\",\"data\":{}}";

    @TempDir
    Path dir;

    private final CamelContext context = new DefaultCamelContext();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    /** The Kafka clients the router's producers get, in order of creation. */
    private final Deque<MockProducer<String, String>> clients = new ArrayDeque<>();
    private final List<MockProducer<String, String>> handedOut = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private ProducerTemplate start(long sendTimeout) throws Exception {
        Path file = dir.resolve("subscribers.yaml");
        Files.writeString(file, """
                subscribers:
                  - name: inventory
                    pattern: {eventType: [OrderCreated]}
                    to: "kafka:inventory?brokers=127.0.0.1:1&kafkaClientFactory=#clients"
                """);
        context.getRegistry().bind("meters", meters);
        context.getRegistry().bind("clients", new DefaultKafkaClientFactory() {
            @Override
            public Producer getProducer(Properties props) {
                MockProducer<String, String> client = clients.removeFirst();
                handedOut.add(client);
                return client;
            }
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("eda-dispatch:" + file + "?createTopics=false&sendTimeout=" + sendTimeout);
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    private static MockProducer<String, String> client(boolean autoComplete) {
        return new MockProducer<>(autoComplete, new StringSerializer(), new StringSerializer()) {
            @Override
            public synchronized void flush() {
                // dispatch flushes after a batch's sends: a real producer's flush only sends what lingers and waits for
                // the broker's answers, where the mock's would answer every send itself, successfully
            }
        };
    }

    private double count(String meter) {
        return meters.get(meter).counter().count();
    }

    @Test
    void aSendThatNeverFinishesFailsTheExchangeWithinSendTimeoutAndTheRetryGoesThroughANewProducer() throws Exception {
        MockProducer<String, String> stuck = client(false);
        MockProducer<String, String> fresh = client(true);
        clients.add(stuck);
        clients.add(fresh);
        ProducerTemplate template = start(500);

        long started = System.nanoTime();
        assertThatThrownBy(() -> template.sendBody("direct:in", ORDER)).isInstanceOf(CamelExecutionException.class)
                .rootCause().hasMessageContaining("subscriber 'inventory' (kafka:inventory) did not finish within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(stuck.closed()).isTrue();

        template.sendBody("direct:in", ORDER);

        assertThat(fresh.history()).hasSize(1);
        assertThat(count(EdaMeters.DISPATCH_FAILED)).isEqualTo(1);
        assertThat(count(EdaMeters.DISPATCH_PRODUCERS_REPLACED)).isEqualTo(1);
        assertThat(count(EdaMeters.DISPATCHED)).isEqualTo(1);
    }

    /**
     * Kafka's own producer holds records for up to linger.ms: dispatch flushes it once a batch's copies are all handed
     * over. This mock answers its sends only when flushed (the real producer's flush sends what lingers and waits for
     * the answers), so without the flush the exchange would fail at the send timeout.
     */
    @Test
    void aBatchsCopiesAreFlushedInsteadOfWaitingOutTheLinger() throws Exception {
        MockProducer<String, String> answersWhenFlushed = new MockProducer<>(false, new StringSerializer(),
                new StringSerializer());
        clients.add(answersWhenFlushed);
        ProducerTemplate template = start(5_000);

        template.sendBody("direct:in", ORDER);

        assertThat(answersWhenFlushed.history()).hasSize(1);
        assertThat(count(EdaMeters.DISPATCHED)).isEqualTo(1);
        assertThat(count(EdaMeters.DISPATCH_FAILED)).isZero();
    }

    @Test
    void aSendRefusedWithOutOfOrderSequenceFailsTheExchangeAndTheRetryGoesThroughANewProducer() throws Exception {
        MockProducer<String, String> refused = client(false);
        MockProducer<String, String> fresh = client(true);
        clients.add(refused);
        clients.add(fresh);
        // long enough that the failure is the broker's answer, not the time-out
        ProducerTemplate template = start(30_000);
        CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> !refused.history().isEmpty());
            refused.errorNext(new OutOfOrderSequenceException("Out of order sequence number for producer 1 at offset 11"
                    + " in partition inventory-3: 0 (incoming seq. number), 19 (current end sequence number)"));
        });

        assertThatThrownBy(() -> template.sendBody("direct:in", ORDER))
                .hasRootCauseInstanceOf(OutOfOrderSequenceException.class);
        broker.join();
        assertThat(refused.closed()).isTrue();

        template.sendBody("direct:in", ORDER);

        assertThat(fresh.history()).hasSize(1);
        assertThat(handedOut).containsExactly(refused, fresh);
        assertThat(count(EdaMeters.DISPATCH_PRODUCERS_REPLACED)).isEqualTo(1);
    }
}
