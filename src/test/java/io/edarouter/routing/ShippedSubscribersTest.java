package io.edarouter.routing;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.Application;
import io.edarouter.event.Event;
import io.edarouter.store.EventFixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped routes/subscribers.yaml, with the jar's defaults: the skeleton's two rules as patterns. */
class ShippedSubscribersTest {

    private static JsonNode order(double amount) {
        return EventFixtures.event("e-1", "OrderCreated", "2024-01-01T00:00:00Z", "order-service",
                "{\"orderId\": \"1\", \"customerId\": \"2\", \"amount\": " + amount + "}").envelope();
    }

    @Test
    void ordersGoToInventoryAndLargeOnesAlsoToFraudReview() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(Application.DEFAULTS_LOCATION);
            SubscriberTable table = SubscriberTable.parse(Files.readString(Path.of("routes/subscribers.yaml")),
                    "routes/subscribers.yaml", "kafka:", key -> context.resolvePropertyPlaceholders("{{" + key + "}}"));

            assertThat(table.match(order(99.99))).extracting(Subscriber::uri).containsExactly("kafka:inventory-events");
            assertThat(table.match(order(1000.5))).extracting(Subscriber::uri)
                    .containsExactly("kafka:inventory-events", "kafka:fraud-review");
        }
    }
}
