package io.edarouter.routing;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.apache.camel.Exchange;

/**
 * The body of an exchange as the JSON tree patterns are matched against: an {@link Event} becomes its
 * envelope without a round trip through bytes; JSON text, bytes and anything Camel converts to bytes
 * are parsed.
 */
final class EventJson {

    private static final ObjectMapper MAPPER = new EventCodec().mapper();

    private EventJson() {
    }

    static JsonNode of(Object body, Exchange exchange) {
        try {
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof Event event) {
                return envelope(event);
            }
            if (body instanceof byte[] bytes) {
                return MAPPER.readTree(bytes);
            }
            if (body instanceof String text) {
                return MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
            }
            if (body instanceof Map<?, ?> map) {
                return MAPPER.valueToTree(map);
            }
            byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
            return MAPPER.readTree(bytes);
        } catch (Exception e) {
            throw new IllegalArgumentException("event-pattern needs a JSON event body, got "
                    + (body == null ? "null" : body.getClass().getName()) + ": " + e.getMessage(), e);
        }
    }

    /** The envelope's fields as {@link EventCodec#encode} writes them, as a tree. */
    static ObjectNode envelope(Event event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("eventType", event.eventType());
        node.put("timestamp", event.timestamp().toString());
        node.put("source", event.source());
        putIfSet(node, "subject", event.subject());
        putIfSet(node, "correlationId", event.correlationId());
        putIfSet(node, "causationId", event.causationId());
        putIfSet(node, "schemaVersion", event.schemaVersion());
        node.set("data", MAPPER.valueToTree(event.data()));
        if (!event.metadata().isEmpty()) {
            node.set("metadata", MAPPER.valueToTree(event.metadata()));
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
