package io.edarouter.routing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import software.amazon.event.ruler.Machine;

/**
 * The subscribers of a subscribers file, compiled into one event-ruler {@link Machine} with one rule per
 * subscriber: an event is matched against every pattern in one pass. Immutable; a changed file makes a
 * new table.
 *
 * <pre>
 * subscribers:
 *   - name: inventory
 *     pattern: {eventType: [OrderCreated]}
 *     topic: inventory-events
 * </pre>
 */
public final class SubscriberTable {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "pattern", "to", "topic", "format", "headers");
    private final Machine machine;
    private final Map<String, Subscriber> subscribers;
    private final Map<String, Integer> positions = new java.util.HashMap<>();

    private SubscriberTable(Machine machine, Map<String, Subscriber> subscribers) {
        this.machine = machine;
        this.subscribers = subscribers;
        for (String name : subscribers.keySet()) {
            positions.put(name, positions.size());
        }
    }

    /** A table made of these subscribers (their patterns must be valid). */
    public static SubscriberTable of(List<Subscriber> subscribers) {
        Machine machine = new Machine();
        Map<String, Subscriber> byName = new LinkedHashMap<>();
        for (Subscriber subscriber : subscribers) {
            if (byName.putIfAbsent(subscriber.name(), subscriber) != null) {
                throw new IllegalArgumentException("subscriber '" + subscriber.name() + "' is named twice");
            }
            try {
                machine.addRule(subscriber.name(), subscriber.pattern());
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("subscriber '" + subscriber.name() + "': invalid pattern: " + e.getMessage(), e);
            }
        }
        return new SubscriberTable(machine, Collections.unmodifiableMap(byName));
    }

    /**
     * Reads a subscribers file whose {@code {{key}}} placeholders are replaced by {@code properties} (given what is
     * between the braces, it answers the value or null when the key is not set); comment lines are left out. A
     * placeholder whose key is not set is refused naming the file, line, subscriber and field.
     */
    public static SubscriberTable parse(String yaml, String location, String topicPrefix, UnaryOperator<String> properties) {
        return parse(SubscriberPlaceholders.resolve(yaml, location, properties), location, topicPrefix);
    }

    /**
     * Reads a subscribers file as it is (no placeholders). {@code topicPrefix} is put before a subscriber's
     * {@code topic:}. Anything wrong is refused with a message naming the file, the line and the field.
     */
    public static SubscriberTable parse(String yaml, String location, String topicPrefix) {
        List<Subscriber> subscribers = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return of(List.of());
            }
            if (first != JsonToken.START_OBJECT) {
                throw refused(location, parser, "expected a mapping with 'subscribers:'");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"subscribers".equals(field)) {
                    throw refused(location, parser, "unknown key '" + field + "' (expected 'subscribers')");
                }
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw refused(location, parser, "'subscribers' must be a list");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = YAML.readTree(parser);
                    subscribers.add(subscriber(node, line, location, topicPrefix));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("subscribers file " + location + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("subscribers file " + location + ": " + e.getMessage(), e);
        }
        try {
            return of(subscribers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("subscribers file " + location + ": " + e.getMessage(), e);
        }
    }

    private static Subscriber subscriber(JsonNode node, int line, String location, String topicPrefix) throws IOException {
        String at = "subscribers file " + location + ", line " + line;
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": a subscriber must be a mapping with name, pattern and to or topic");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(at + ": unknown field '" + field + "' (expected one of " + FIELDS + ")");
            }
        }
        String name = text(node, "name");
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(at + ": field 'name': required, letters, digits, '.', '_' or '-', was " + node.get("name"));
        }
        at += ", subscriber '" + name + "'";
        JsonNode patternNode = node.get("pattern");
        if (patternNode == null || patternNode.isNull()) {
            throw new IllegalArgumentException(at + ": field 'pattern': required");
        }
        String pattern = patternNode.isTextual() ? patternNode.asText() : JSON.writeValueAsString(patternNode);
        String problem = EventPattern.problem(pattern);
        if (problem != null) {
            throw new IllegalArgumentException(at + ": field 'pattern': " + firstLine(problem) + " in " + pattern);
        }
        String to = text(node, "to");
        String topic = text(node, "topic");
        if ((to == null) == (topic == null)) {
            throw new IllegalArgumentException(at + ": exactly one of 'to' (an endpoint URI) and 'topic' is required");
        }
        if (topic != null && (topicPrefix == null || topicPrefix.isEmpty())) {
            throw new IllegalArgumentException(at + ": field 'topic' needs the endpoint's topicPrefix option; use 'to' with a full URI");
        }
        Subscriber.Format format;
        try {
            format = node.has("format") ? Subscriber.Format.parse(text(node, "format")) : Subscriber.Format.ENVELOPE;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": field 'format': " + e.getMessage(), e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode headerNode = node.get("headers");
        if (headerNode != null && !headerNode.isNull()) {
            if (!headerNode.isObject()) {
                throw new IllegalArgumentException(at + ": field 'headers': must be a mapping of names to values");
            }
            headerNode.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        return new Subscriber(name, pattern, to != null ? to : topicPrefix + topic, format, headers, line);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static IllegalArgumentException refused(String location, JsonParser parser, String what) {
        return new IllegalArgumentException("subscribers file " + location + ", line "
                + parser.currentTokenLocation().getLineNr() + ": " + what);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The subscribers whose pattern matches the event, in one pass over all patterns. */
    public List<Subscriber> match(JsonNode event) {
        List<String> names = machine.rulesForJSONEvent(event);
        if (names.isEmpty()) {
            return List.of();
        }
        List<Subscriber> matched = new ArrayList<>(names.size());
        for (String name : names) {
            matched.add(subscribers.get(name));
        }
        // in file order, so deliveries happen in the order a reader of the file expects
        matched.sort(java.util.Comparator.comparingInt(subscriber -> positions.get(subscriber.name())));
        return matched;
    }

    public List<Subscriber> subscribers() {
        return List.copyOf(subscribers.values());
    }

    public int size() {
        return subscribers.size();
    }
}
