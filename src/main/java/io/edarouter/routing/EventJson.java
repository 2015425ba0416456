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
 * envelope without a round trip through bytes, with only the fields the patterns look at; JSON text, bytes
 * and anything Camel converts to bytes are parsed.
 */
final class EventJson {

    private static final ObjectMapper MAPPER = new EventCodec().mapper();

    private EventJson() {
    }

    /** The body as a tree; of an {@link Event}, only the fields the patterns look at. */
    static JsonNode of(Object body, Exchange exchange, PatternFields fields) {
        try {
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof Event event) {
                return envelope(event, fields);
            }
            if (body instanceof byte[] bytes) {
                return MAPPER.readTree(bytes);
            }
            if (body instanceof String text) {
                return MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
            }
            if (body instanceof Map<?, ?> map) {
                return tree(map, PatternFields.ALL);
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
        return envelope(event, PatternFields.ALL);
    }

    private static ObjectNode envelope(Event event, PatternFields fields) {
        ObjectNode node = MAPPER.createObjectNode();
        putIfSet(node, fields, "eventId", event.eventId());
        putIfSet(node, fields, "eventType", event.eventType());
        if (fields.child("timestamp") != null) {
            node.put("timestamp", event.timestamp().toString());
        }
        putIfSet(node, fields, "source", event.source());
        putIfSet(node, fields, "subject", event.subject());
        putIfSet(node, fields, "correlationId", event.correlationId());
        putIfSet(node, fields, "causationId", event.causationId());
        putIfSet(node, fields, "schemaVersion", event.schemaVersion());
        PatternFields data = fields.child("data");
        if (data != null) {
            node.set("data", tree(event.data(), data));
        }
        PatternFields metadata = fields.child("metadata");
        if (metadata != null && !event.metadata().isEmpty()) {
            node.set("metadata", tree(event.metadata(), metadata));
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, PatternFields fields, String field, String value) {
        if (value != null && fields.child(field) != null) {
            node.put(field, value);
        }
    }

    /**
     * A decoded JSON value (maps, lists, strings, numbers, booleans, null) as a tree, built directly (Jackson's
     * {@code valueToTree} serializes into a buffer and parses it back), with only the selected fields of objects;
     * the elements of an array are selected as the array is (patterns see through arrays).
     */
    private static JsonNode tree(Object value, PatternFields fields) {
        JsonNodeFactory nodes = MAPPER.getNodeFactory();
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            if (fields.isAll()) {
                map.forEach((key, item) -> object.set(String.valueOf(key), tree(item, PatternFields.ALL)));
            } else {
                for (String name : fields.names()) {
                    if (map.containsKey(name)) {
                        object.set(name, tree(map.get(name), fields.child(name)));
                    }
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode(list.size());
            list.forEach(item -> array.add(tree(item, fields)));
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
}
