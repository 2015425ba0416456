package io.edarouter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path gives what Camel's simple language gives, for every form it takes and some it leaves to simple. */
class EventExpressionTest {

    private static final Event EVENT = new EventCodec().decode(("{\"eventId\":\"e-1\",\"eventType\":\"OrderCreated\","
            + "\"timestamp\":\"2026-11-26T10:00:00Z\",\"source\":\"shop\",\"subject\":\"order-7\",\"data\":{\"orderId\":"
            + "\"7\",\"seq\":3,\"customer\":{\"id\":\"C9\"}}}").getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest
    @ValueSource(strings = {"order-${body.data[orderId]}", "${body.data[seq]}", "${body.data[customer][id]}",
            "${body.eventType}/${body.subject}/${body.eventId}/${body.source}", "x-${body.data[missing]}-y",
            "${body.data[orderId].length()}", "plain text", "${header.foo}-${body.data[orderId]}"})
    void givesWhatSimpleGives(String text) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(EVENT);
            exchange.getMessage().setHeader("foo", "bar");
            String expected = context.resolveLanguage("simple").createExpression(text).evaluate(exchange, String.class);
            assertThat(EventExpression.create(context, text).evaluate(exchange, String.class)).isEqualTo(expected);
        }
    }

    @Test
    void aMissingFieldAloneIsNull() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody(EVENT);
            assertThat(EventExpression.create(context, "${body.data[missing]}").evaluate(exchange, String.class)).isNull();
        }
    }
}
