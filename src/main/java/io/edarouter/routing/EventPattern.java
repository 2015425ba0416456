package io.edarouter.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * An EventBridge event pattern, compiled once, matched against the event envelope of an exchange's
 * body: an {@link Event}, or JSON as text or bytes straight from a broker. As an expression it yields
 * whether the event matches.
 */
public final class EventPattern implements Predicate, Expression {

    private static final EventCodec CODEC = new EventCodec();
    private static final String RULE = "pattern";

    private final String pattern;
    private final Machine machine = new Machine();

    private EventPattern(String pattern) {
        this.pattern = pattern;
        try {
            machine.addRule(RULE, pattern);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("invalid event-pattern " + pattern + ": " + e.getMessage(), e);
        }
    }

    /** Compiles a pattern; an invalid one is refused here, with the reason, not at the first event. */
    public static EventPattern compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("invalid event-pattern: empty");
        }
        String problem = RuleCompiler.check(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("invalid event-pattern " + pattern.strip() + ": " + problem);
        }
        return new EventPattern(pattern);
    }

    public boolean matches(JsonNode event) {
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    @Override
    public boolean matches(Exchange exchange) {
        return matches(toJson(exchange.getMessage().getBody(), exchange));
    }

    @Override
    public <T> T evaluate(Exchange exchange, Class<T> type) {
        return exchange.getContext().getTypeConverter().convertTo(type, exchange, matches(exchange));
    }

    /** The body as a JSON tree: an event is written as its envelope, bytes and text are parsed. */
    static JsonNode toJson(Object body, Exchange exchange) {
        ObjectMapper mapper = CODEC.mapper();
        try {
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof Event event) {
                return mapper.readTree(CODEC.encode(event));
            }
            if (body instanceof byte[] bytes) {
                return mapper.readTree(bytes);
            }
            if (body instanceof String text) {
                return mapper.readTree(text.getBytes(StandardCharsets.UTF_8));
            }
            if (body instanceof Map<?, ?> map) {
                return mapper.valueToTree(map);
            }
            byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
            return mapper.readTree(bytes);
        } catch (Exception e) {
            throw new IllegalArgumentException("event-pattern needs a JSON event body, got "
                    + (body == null ? "null" : body.getClass().getName()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void init(CamelContext context) {
        // compiled in the constructor: nothing to prepare
    }

    @Override
    public String toString() {
        return "event-pattern " + pattern;
    }
}
