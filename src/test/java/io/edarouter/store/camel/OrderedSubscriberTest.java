package io.edarouter.store.camel;

import static io.edarouter.store.EventFixtures.load;
import static io.edarouter.store.EventFixtures.withId;
import static io.edarouter.store.EventFixtures.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edarouter.event.Event;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.RecordedEvent;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ordered subscriber ({@code ordered=true}) under retries, on an in-memory H2 store: a retrying event holds back
 * the later events of its stream only, other streams keep flowing, and the checkpoint waits for the retrying event.
 */
class OrderedSubscriberTest {

    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onH2();

    @Test
    void retryingEventHoldsBackItsStreamOnlyAndEachStreamArrivesInOrder() throws Exception {
        for (int version = 0; version < 4; version++) {
            for (String stream : List.of("order-a", "order-b", "order-c")) {
                append(stream, stream + "-" + version);
            }
        }
        AtomicBoolean streamADown = new AtomicBoolean(true);
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> attempts = new CopyOnWriteArrayList<>();
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventstore:$all?subscription=ordered&ordered=true&maxAttempts=1000&initialDelay=20&maxDelay=100"
                        + "&pollInterval=20")
                        .routeId("ordered-subscriber")
                        .process(exchange -> {
                            RecordedEvent event = exchange.getMessage().getBody(RecordedEvent.class);
                            attempts.add(event.event().eventId());
                            if (event.stream().equals("order-a") && event.streamVersion() == 1 && streamADown.get()) {
                                throw new IllegalStateException("order-a's endpoint is down");
                            }
                            delivered.add(event.event().eventId());
                        });
            }
        });

        // while order-a-1 retries, the other streams get everything and order-a gets nothing after version 0
        await().untilAsserted(() -> assertThat(delivered).contains("order-b-3", "order-c-3"));
        await().until(() -> attempts.stream().filter("order-a-1"::equals).count() >= 3);
        assertThat(delivered).doesNotContain("order-a-1", "order-a-2", "order-a-3");
        assertThat(attempts).doesNotContain("order-a-2", "order-a-3");
        assertThat(camel.store().subscriptions().get(0).position()).as("checkpoint at the retrying event").isEqualTo(3);

        streamADown.set(false);

        await().untilAsserted(() -> assertThat(delivered).hasSize(12));
        for (String stream : List.of("order-a", "order-b", "order-c")) {
            assertThat(delivered.stream().filter(id -> id.startsWith(stream)).toList())
                    .containsExactly(stream + "-0", stream + "-1", stream + "-2", stream + "-3");
        }
        await().until(() -> camel.store().subscriptions().get(0).position() == 12);
    }

    @Test
    void eventThatKeepsFailingIsDeadLetteredWithWhyAndTheStreamMovesOn() throws Exception {
        append("order-a", "order-a-0");
        append("order-a", "order-a-1");
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<org.apache.camel.Message> deadLetters = new CopyOnWriteArrayList<>();
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dead").process(exchange -> deadLetters.add(exchange.getMessage().copy()));
                from("eventstore:$all?subscription=billing&ordered=true&maxAttempts=3&initialDelay=10&maxDelay=40"
                        + "&deadLetterUri=direct:dead&pollInterval=20")
                        .process(exchange -> {
                            RecordedEvent event = exchange.getMessage().getBody(RecordedEvent.class);
                            if (event.streamVersion() == 0) {
                                throw new IllegalStateException("HTTP 503");
                            }
                            delivered.add(event.event().eventId());
                        });
            }
        });

        await().untilAsserted(() -> assertThat(delivered).containsExactly("order-a-1"));
        assertThat(deadLetters).singleElement().satisfies(message -> {
            assertThat(message.getHeader("eda-error-reason", String.class)).contains("3 attempts").contains("HTTP 503");
            assertThat(message.getHeaders()).containsEntry("eda-attempts", "3").containsEntry("eda-subscription", "billing")
                    .containsEntry("eda-stream", "order-a").containsEntry("eda-stream-version", "0")
                    .containsEntry("eda-global-position", "0").containsEntry("eda-event-id", "order-a-0");
            // keyed by its stream on a Kafka or Pulsar dead-letter topic (the library's MessageKeys), so in order
            assertThat(message.getHeaders()).containsEntry(KafkaConstants.KEY, "order-a")
                    .containsEntry(PulsarMessageHeaders.KEY_OUT, "order-a");
            assertThat(message.getBody(String.class)).contains("\"eventId\":\"order-a-0\"");
        });
        assertThat(camel.store().deadLetters().list(null, "billing", true, false, 10)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(3));
        await().until(() -> camel.store().subscriptions().get(0).position() == 2);
    }

    @Test
    void filteredReplayRedeliversMatchingEventsToOneSubscriberWithoutMovingItsCheckpoint() throws Exception {
        append("order-a", "order-a-0");
        append("order-b", "order-b-0");
        append("order-a", "order-a-1");
        List<String> billing = new CopyOnWriteArrayList<>();
        List<String> audit = new CopyOnWriteArrayList<>();
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventstore:$all?subscription=billing&pollInterval=20")
                        .process(e -> billing.add(e.getMessage().getHeader(EventStoreConstants.EVENT_ID, String.class)));
                from("eventstore:$all?subscription=audit&pollInterval=20")
                        .process(e -> audit.add(e.getMessage().getHeader(EventStoreConstants.EVENT_ID, String.class)));
            }
        });
        await().until(() -> billing.size() == 3 && audit.size() == 3);

        EventStoreComponent component = camel.context().getComponent("eventstore", EventStoreComponent.class);
        component.subscriber("billing").orElseThrow().replay(1, camel.store().headPosition(),
                event -> event.stream().equals("order-a"));

        await().untilAsserted(() -> assertThat(billing).containsExactly("order-a-0", "order-b-0", "order-a-1",
                "order-a-1"));
        assertThat(audit).hasSize(3);
        assertThat(camel.store().subscriptions())
                .allSatisfy(checkpoint -> assertThat(checkpoint.position()).isEqualTo(3));
    }

    private void append(String stream, String eventId) {
        Event event = withSubject(withId(load("order-created"), eventId), stream);
        camel.store().append(stream, ExpectedVersion.any(), new ArrayList<>(List.of(event)));
    }
}
