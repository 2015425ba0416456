package io.edarouter.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
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
                instant = parseInstant(timestamp);
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

    /**
     * {@link Instant#parse}: the common form {@code 2024-01-01T00:00:00[.fraction](Z|+hh:mm)} read directly (the
     * formatter costs microseconds per event), anything else (lower case, a leap second, 24:00, a year past 9999, a
     * date that does not exist, ...) by {@code Instant.parse} itself, so what is accepted and refused is the same.
     */
    static Instant parseInstant(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int end = at + 1;
            while (end < length && end - at <= 9 && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            int fraction = end - at - 1;
            nanos = fraction == 0 || fraction > 9 ? -1 : digits(text, at + 1, fraction);
            for (int i = fraction; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
            at = end;
        }
        int offsetSeconds;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int hours = digits(text, at + 1, 2);
            int minutes = digits(text, at + 4, 2);
            if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
                return Instant.parse(text);
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return Instant.parse(text);
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return Instant.parse(text);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds, nanos);
    }

    private static int lengthOfMonth(int year, int month) {
        return YearMonth.of(year, month).lengthOfMonth();
    }

    /** The number the ASCII digits at {@code from} spell, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
