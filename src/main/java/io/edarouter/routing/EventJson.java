package io.edarouter.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.apache.camel.Exchange;

/**
 * The body of an exchange as the JSON tree patterns are matched against: an {@link Event} is its own envelope tree
 * (nothing is built); JSON text, bytes and anything Camel converts to bytes are parsed the way the codec parses an
 * event, so every body gives event-ruler's verdict on the JSON.
 */
final class EventJson {

    private static final ObjectMapper MAPPER = new EventCodec().mapper();

    private EventJson() {
    }

    static JsonNode of(Object body, Exchange exchange) {
        if (body instanceof Event event) {
            return event.envelope();
        }
        try {
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof byte[] bytes) {
                return MAPPER.readTree(bytes);
            }
            if (body instanceof String text) {
                return MAPPER.readTree(text);
            }
            byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
            return MAPPER.readTree(bytes);
        } catch (Exception e) {
            throw new IllegalArgumentException("event-pattern needs a JSON event body, got "
                    + (body == null ? "null" : body.getClass().getName()) + ": " + e.getMessage(), e);
        }
    }
}
