package io.edarouter.routing;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * An EventBridge event pattern, compiled once, matched against the event envelope of an exchange's
 * body: an {@link io.edarouter.event.Event} (its own tree), or JSON as text or bytes straight from a broker. The verdict
 * is event-ruler's on the event's JSON, whatever the body. As an expression it yields whether the event matches.
 */
public final class EventPattern implements Predicate, Expression {

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
        String problem = problem(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("invalid event-pattern " + pattern.strip() + ": " + problem);
        }
        return new EventPattern(pattern);
    }

    /** What is wrong with a pattern, in event-ruler's words ($or included), or null when it is valid. */
    static String problem(String pattern) {
        return JsonRuleCompiler.check(pattern);
    }

    public boolean matches(JsonNode event) {
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    @Override
    public boolean matches(Exchange exchange) {
        return matches(EventJson.of(exchange.getMessage().getBody(), exchange));
    }

    @Override
    public <T> T evaluate(Exchange exchange, Class<T> type) {
        return exchange.getContext().getTypeConverter().convertTo(type, exchange, matches(exchange));
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
