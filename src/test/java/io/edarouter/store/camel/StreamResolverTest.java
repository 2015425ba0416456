package io.edarouter.store.camel;

import java.util.Map;

import io.edarouter.event.Event;
import io.edarouter.store.EventFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.InvalidEventException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stream of an event: its subject, else the stream expression, whose every {@code ${...}} part must give a
 * value; otherwise the event is refused at stage {@code stream}, naming the expression and the part that gave nothing.
 */
class StreamResolverTest {

    private static final String OPTION = "eda.store.stream-expression";
    private static final String ORDER_STREAM = "order-${body.data[orderId]}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context = new DefaultCamelContext();
    private final Exchange arrival = new DefaultExchange(context);

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static Event event(String subject, Map<String, Object> data) {
        Event event = Event.of("e-1", "OrderCreated", "2024-01-01T00:00:00Z", "order-service", JSON.valueToTree(data));
        return subject == null ? event : EventFixtures.withSubject(event, subject);
    }

    private String streamOf(String expression, Event event) {
        return new StreamResolver(context, expression, OPTION).streamOf(arrival, event);
    }

    @Test
    void theSubjectIsTheStream() {
        assertThat(streamOf(ORDER_STREAM, event("customer-7", Map.of("orderId", "12345")))).isEqualTo("customer-7");
    }

    @Test
    void withoutSubjectTheExpressionNamesTheStream() {
        assertThat(streamOf(ORDER_STREAM, event(null, Map.of("orderId", "12345")))).isEqualTo("order-12345");
        assertThat(streamOf(ORDER_STREAM, event("  ", Map.of("orderId", 12345)))).isEqualTo("order-12345");
        assertThat(streamOf("all-orders", event(null, Map.of()))).isEqualTo("all-orders");
    }

    @Test
    void aPartThatGivesNoValueRefusesTheEventNamingTheExpressionAndThePart() {
        assertThatThrownBy(() -> streamOf(ORDER_STREAM, event(null, Map.of("customerId", "67890"))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.getStage()).isEqualTo("stream");
                    assertThat(e.getReason()).isEqualTo("event 'e-1' has no subject, and ${body.data[orderId]} of "
                            + OPTION + " '" + ORDER_STREAM + "' gave no value: cannot tell its stream");
                });
    }

    @Test
    void aBlankPartRefusesTheEventEvenWhenOtherPartsGiveValues() {
        arrival.getMessage().setHeader("tenant", "acme");

        assertThatThrownBy(() -> streamOf("${header.tenant}-${body.data[orderId]}", event(null, Map.of("orderId", " "))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("${body.data[orderId]} of " + OPTION).hasMessageContaining("gave a blank value");
        assertThat(streamOf("${header.tenant}-${body.data[orderId]}", event(null, Map.of("orderId", "9"))))
                .isEqualTo("acme-9");
    }

    @Test
    void aMissingHeaderPartIsNamedToo() {
        assertThatThrownBy(() -> streamOf("${header.tenant}-${body.data[orderId]}", event(null, Map.of("orderId", "9"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("${header.tenant} of " + OPTION);
    }

    @Test
    void anExpressionThatFailsRefusesTheEventInsteadOfFailingTheBatch() {
        assertThatThrownBy(() -> streamOf("order-${body.noSuchField}", event(null, Map.of("orderId", "9"))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getStage()).isEqualTo("stream"))
                .hasMessageContaining("failed at ${body.noSuchField}");
    }

    @Test
    void withoutSubjectOrExpressionTheEventIsRefused() {
        assertThatThrownBy(() -> streamOf(null, event(null, Map.of("orderId", "9"))))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getStage()).isEqualTo("stream"))
                .hasMessage("event 'e-1' has no subject and no " + OPTION + " is configured: cannot tell its stream");
    }
}
