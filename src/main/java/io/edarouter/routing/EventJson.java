package io.edarouter.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
                return tree(map);
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
        node.set("data", tree(event.data()));
        if (!event.metadata().isEmpty()) {
            node.set("metadata", tree(event.metadata()));
        }
        return node;
    }

    /**
     * A decoded JSON value (maps, lists, strings, numbers, booleans, null) as a tree, built directly: Jackson's
     * {@code valueToTree} serializes into a buffer and parses it back, a tenth of the pipeline's time.
     */
    private static JsonNode tree(Object value) {
        JsonNodeFactory nodes = MAPPER.getNodeFactory();
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), tree(item)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode(list.size());
            list.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof String text) {
            return nodes.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return nodes.booleanNode(flag);
        }
        if (value instanceof Integer number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Long number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof java.math.BigDecimal number) {
            return nodes.numberNode(number);
        }
        if (value instanceof java.math.BigInteger number) {
            return nodes.numberNode(number);
        }
        return MAPPER.valueToTree(value);
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
