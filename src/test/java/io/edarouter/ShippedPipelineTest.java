package io.edarouter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.edarouter.event.Event;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped pipeline template end to end without a broker: an instance on direct: input and mock:
 * topics, with the shipped enrichment (metadata, the customer-lookup route) and routes/subscribers.yaml.
 */
@CamelMainTest(
        propertyPlaceholderLocations = Application.DEFAULTS_LOCATION,
        properties = {
                "camel.main.auto-startup=false",
                "camel.server.enabled=false",
                "camel.management.enabled=false",
                "camel.main.routes-include-pattern=file:routes/*.camel.yaml,classpath:shipped-pipeline/*.camel.yaml",
                "camel.component.eventstore.url=jdbc:h2:mem:shipped-pipeline;DB_CLOSE_DELAY=-1",
                "camel.component.kafka.brokers=127.0.0.1:1"
        })
// one context for the class: on the in-memory H2 database a later context cannot record dead letters (H2:
// "Check constraint invalid: CONSTRAINT_D7 ... The database has been closed" once the pool that migrated it is gone)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedPipelineTest {

    @BeanInject
    CamelContext context;

    @BeforeEach
    void startRoutes() throws Exception {
        context.getRouteController().startRoute("customer-lookup");
        context.getRouteController().startRoute("order-events-from-direct");
    }

    private static byte[] order(String eventId, String customerId, double amount) {
        return ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"orderId\":\"" + eventId + "\",\"customerId\":\"" + customerId
                + "\",\"amount\":" + amount + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theEnrichedEventIsStoredAndDispatchedToTheMatchingSubscribers() {
        String small = UUID.randomUUID().toString();
        String large = UUID.randomUUID().toString();

        context.createProducerTemplate().sendBody("direct:order-events", order(small, "67890", 99.99));
        context.createProducerTemplate().sendBody("direct:order-events", order(large, "67890", 5000));

        Event stored = stored(small);
        assertThat(stored.data().get("customer"))
                .isEqualTo(Event.readJson("{\"customerId\": \"67890\", \"segment\": \"retail\", \"region\": \"eu\"}"));
        assertThat(stored.metadata().has("receivedAt")).isTrue();
        assertThat(stored.correlationId()).isEqualTo(small);
        assertThat(ids("mock:inventory-events")).contains(small, large);
        assertThat(ids("mock:fraud-review")).containsExactly(large);
    }

    @Test
    void aBatchOfOnlyInvalidRecordsCompletesWithEachDeadLetteredOnceAndNothingDispatched() {
        byte[] first = ("not json " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] second = ("{\"eventId\": \"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        int dispatchedBefore = inventory().getExchanges().size();

        Exchange done = context.createProducerTemplate().send("direct:order-events",
                e -> e.getMessage().setBody(List.of(record(first), record(second))));

        assertThat(done.getException()).isNull();
        assertThat(deadLetters(first)).hasSize(1);
        assertThat(deadLetters(second)).hasSize(1);
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(inventory().getExchanges()).hasSize(dispatchedBefore);
    }

    @Test
    void anEmptyBatchCompletes() {
        Exchange done = context.createProducerTemplate().send("direct:order-events", e -> e.getMessage().setBody(List.of()));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
    }

    @Test
    void anEventWithoutSubjectOrOrderIdIsDeadLetteredAtStageStreamNamingTheExpression() {
        String eventId = UUID.randomUUID().toString();
        byte[] noStreamKey = ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":"
                + "\"2024-01-01T00:00:00Z\",\"source\":\"order-service\",\"data\":{\"customerId\":\"67890\"}}")
                .getBytes(StandardCharsets.UTF_8);

        Exchange done = context.createProducerTemplate().send("direct:order-events", e -> e.getMessage().setBody(noStreamKey));

        assertThat(done.getException()).isNull();
        assertThat(deadLetters(noStreamKey)).singleElement().satisfies(letter -> {
            assertThat(letter.getMessage().getHeader("eda-error-stage")).isEqualTo("stream");
            assertThat(letter.getMessage().getHeader("eda-error-reason", String.class))
                    .contains("eda.store.stream-expression 'order-${body.data[orderId]}'")
                    .contains("${body.data[orderId]}").contains("gave no value").contains(eventId);
        });
        assertThat(context.getComponent("eventstore", EventStoreComponent.class).getEventStore().readAll(0, 10_000))
                .noneMatch(stored -> stored.event().eventId().equals(eventId));
    }

    private Exchange record(byte[] bytes) {
        Exchange record = new DefaultExchange(context);
        record.getMessage().setBody(bytes);
        return record;
    }

    private List<Exchange> deadLetters(byte[] original) {
        return context.getEndpoint("mock:eda-dead-letter", MockEndpoint.class).getExchanges().stream()
                .filter(e -> Arrays.equals(e.getMessage().getBody(byte[].class), original)).toList();
    }

    private MockEndpoint inventory() {
        return context.getEndpoint("mock:inventory-events", MockEndpoint.class);
    }

    private List<String> ids(String uri) {
        return context.getEndpoint(uri, MockEndpoint.class).getExchanges().stream()
                .map(e -> e.getMessage().getBody(Event.class).eventId()).toList();
    }

    private Event stored(String eventId) {
        List<RecordedEvent> found = context.getComponent("eventstore", EventStoreComponent.class).getEventStore()
                .readAll(0, 10_000).stream().filter(e -> e.event().eventId().equals(eventId)).toList();
        assertThat(found).hasSize(1);
        return found.get(0).event();
    }
}
