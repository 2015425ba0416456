package io.edarouter.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates an envelope tree in place and makes it an {@link Event}. Every refusal names the field as it was sent. */
final class Envelope {

    /** Field names as the envelope spells them (a CloudEvent's are mapped: {@link CloudEvents}). */
    static final UnaryOperator<String> AS_SENT = UnaryOperator.identity();

    private static final List<String> FIELDS = List.of(Event.EVENT_ID, Event.EVENT_TYPE, Event.TIMESTAMP, Event.SOURCE,
            Event.SUBJECT, Event.CORRELATION_ID, Event.CAUSATION_ID, Event.SCHEMA_VERSION, Event.DATA, Event.METADATA);
    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);

    private Envelope() {
    }

    /**
     * Validates {@code envelope} and makes it an event. Fields outside the envelope are removed from the tree.
     *
     * @param received the bytes the envelope was parsed from, or null
     * @param instant  the timestamp already parsed, or null
     * @param label    the name each field was sent under, for messages
     * @param json     where the received bytes hold the data and metadata, or null
     */
    static Event validate(ObjectNode envelope, byte[] received, Instant instant, UnaryOperator<String> label,
            ReceivedJson json) {
        if (envelope.size() > countKnown(envelope)) {
            envelope.retain(FIELD_SET);
            received = null;
        }
        requiredString(envelope, Event.EVENT_ID, label);
        requiredString(envelope, Event.EVENT_TYPE, label);
        String timestamp = requiredString(envelope, Event.TIMESTAMP, label);
        if (instant == null) {
            try {
                instant = Instant.parse(timestamp);
            } catch (DateTimeParseException e) {
                throw invalid(label.apply(Event.TIMESTAMP), "must be an ISO-8601 instant such as 2024-01-01T00:00:00Z, was '"
                        + abbreviate(timestamp) + "'");
            }
        }
        requiredString(envelope, Event.SOURCE, label);
        requiredObject(envelope, Event.DATA, label);
        optionalString(envelope, Event.SUBJECT, label);
        optionalString(envelope, Event.CORRELATION_ID, label);
        optionalString(envelope, Event.CAUSATION_ID, label);
        optionalString(envelope, Event.SCHEMA_VERSION, label);
        JsonNode metadata = envelope.get(Event.METADATA);
        if (metadata != null && !metadata.isNull()) {
            requiredObject(envelope, Event.METADATA, label);
        }
        return new Event(envelope, instant, received, json);
    }

    private static int countKnown(ObjectNode envelope) {
        int known = 0;
        for (String field : FIELDS) {
            if (envelope.has(field)) {
                known++;
            }
        }
        return known;
    }

    private static String requiredString(ObjectNode json, String field, UnaryOperator<String> label) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw invalid(label.apply(field), "required");
        }
        if (!value.isTextual()) {
            throw invalid(label.apply(field), "must be a string, was " + jsonType(value));
        }
        if (value.textValue().isBlank()) {
            throw invalid(label.apply(field), "must not be blank");
        }
        return value.textValue();
    }

    private static void optionalString(ObjectNode json, String field, UnaryOperator<String> label) {
        JsonNode value = json.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw invalid(label.apply(field), "must be a string, was " + jsonType(value));
        }
    }

    private static void requiredObject(ObjectNode json, String field, UnaryOperator<String> label) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw invalid(label.apply(field), "required");
        }
        if (!value.isObject()) {
            throw invalid(label.apply(field), "must be a JSON object, was " + jsonType(value));
        }
    }

    static InvalidEventException invalid(String field, String what) {
        return new InvalidEventException(InvalidEventException.STAGE_VALIDATE, "field '" + field + "': " + what);
    }

    static String jsonType(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> "a string";
        };
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
