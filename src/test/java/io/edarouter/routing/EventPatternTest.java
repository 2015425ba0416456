package io.edarouter.routing;

import java.nio.charset.StandardCharsets;

import io.edarouter.event.Event;
import io.edarouter.store.EventFixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPatternTest {

    private final CamelContext context = new DefaultCamelContext();
    private final Event order = EventFixtures.event("e-1", "OrderCreated", "2024-01-01T00:00:00Z", "order-service",
            "{\"orderId\": \"12345\", \"amount\": 1500}");

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private boolean matches(String pattern, Object body) {
        Predicate predicate = context.resolveLanguage("event-pattern").createPredicate(pattern);
        DefaultExchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return predicate.matches(exchange);
    }

    @Test
    void matchesAnEventBodyOnTypeAndNestedNumericData() {
        assertThat(matches("{\"eventType\":[\"OrderCreated\"],\"data\":{\"amount\":[{\"numeric\":[\">\",1000]}]}}", order)).isTrue();
        assertThat(matches("{\"data\":{\"amount\":[{\"numeric\":[\">\",2000]}]}}", order)).isFalse();
    }

    @Test
    void matchesJsonBytesStraightFromABroker() {
        byte[] json = "{\"eventType\":\"OrderPaid\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(matches("{\"eventType\":[\"OrderPaid\"]}", json)).isTrue();
        assertThat(matches("{\"eventType\":[\"OrderCreated\"]}", json)).isFalse();
    }

    @Test
    void refusesAnInvalidPatternWhenCompiledNotAtTheFirstEvent() {
        assertThatThrownBy(() -> context.resolveLanguage("event-pattern").createPredicate("{\"eventType\": \"OrderCreated\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid event-pattern");
    }
}
