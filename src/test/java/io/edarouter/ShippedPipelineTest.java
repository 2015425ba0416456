package io.edarouter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.edarouter.event.Event;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
