package io.edarouter.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Decodes and validates events from bytes (the envelope of DESIGN.md, or CloudEvents 1.0 in structured
 * or binary mode) and encodes them back to the envelope's JSON. Every refusal is an
 * {@link InvalidEventException} whose reason names the field or the limit.
 */
public final class EventCodec {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final EventLimits limits;
    private final ObjectMapper mapper;

    public EventCodec(EventLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringChars())
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public EventCodec() {
        this(EventLimits.DEFAULT);
    }

    public EventLimits limits() {
        return limits;
    }

    /** The mapper this codec reads and writes JSON with (limits applied). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Decodes an envelope or a structured-mode CloudEvent. */
    public Event decode(byte[] bytes) {
        return decode(bytes, name -> null);
    }

    /**
     * Decodes an event. When {@code header} yields a {@code ce_specversion} (CloudEvents binary mode, as
     * Kafka headers or Pulsar properties), the attributes come from the {@code ce_*} headers and the
     * bytes are the data.
     */
    public Event decode(byte[] bytes, Function<String, String> header) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty body: expected a JSON event");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE,
                    "event is " + bytes.length + " bytes, over the limit of " + limits.maxBytes() + " bytes ("
                            + EventLimits.MAX_BYTES + ")");
        }
        Map<String, Object> json = readObject(bytes);
        if (header.apply(CloudEvents.BINARY_SPECVERSION) != null) {
            checkFieldCount(json);
            return CloudEvents.fromBinary(json, header);
        }
        return fromJson(json);
    }

    /**
     * Reads a request body holding one event or a JSON array of events, without validating them: each
     * element goes through {@link #fromJson(Object)} so every one gets its own verdict.
     */
    public List<Object> readBatch(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty body: expected a JSON event or an array of events");
        }
        try {
            Object value = mapper.readValue(bytes, Object.class);
            return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
        } catch (JsonProcessingException e) {
            throw decodeError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates one decoded JSON value as an envelope or a structured CloudEvent. */
    @SuppressWarnings("unchecked")
    public Event fromJson(Object json) {
        if (!(json instanceof Map)) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "event is not a JSON object");
        }
        Map<String, Object> object = (Map<String, Object>) json;
        checkFieldCount(object);
        return object.containsKey(CloudEvents.SPECVERSION) ? CloudEvents.fromStructured(object) : fromEnvelope(object);
    }

    private Map<String, Object> readObject(byte[] bytes) {
        try (JsonParser parser = mapper.createParser(bytes)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "body is not a JSON object");
            }
            Map<String, Object> map = mapper.readValue(parser, JSON_OBJECT);
            if (parser.nextToken() != null) {
                throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "trailing content after the JSON object");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw decodeError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses an event with more values than {@link EventLimits#maxFields()}, an enormous array included. */
    private void checkFieldCount(Object json) {
        int count = countValues(json, 0);
        if (count > limits.maxFields()) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "event holds more than " + limits.maxFields()
                    + " values (" + EventLimits.MAX_FIELDS + ")");
        }
    }

    /** Counts values below {@code json}, stopping once past the limit so a huge input costs no more. */
    private int countValues(Object json, int counted) {
        if (counted > limits.maxFields()) {
            return counted;
        }
        if (json instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                counted = countValues(value, counted + 1);
            }
        } else if (json instanceof List<?> list) {
            for (Object value : list) {
                counted = countValues(value, counted + 1);
            }
        }
        return counted;
    }

    private InvalidEventException decodeError(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return new InvalidEventException(InvalidEventException.STAGE_DECODE,
                    "JSON over a limit (" + EventLimits.MAX_DEPTH + "=" + limits.maxDepth() + ", "
                            + EventLimits.MAX_STRING_CHARS + "=" + limits.maxStringChars() + "): " + firstLine(e), e);
        }
        return new InvalidEventException(InvalidEventException.STAGE_DECODE, "not valid JSON: " + firstLine(e), e);
    }

    static Event fromEnvelope(Map<String, Object> json) {
        return new Event(
                requiredString(json, "eventId"),
                requiredString(json, "eventType"),
                requiredInstant(json, "timestamp"),
                requiredString(json, "source"),
                requiredObject(json, "data"),
                optionalString(json, "subject"),
                optionalString(json, "correlationId"),
                optionalString(json, "causationId"),
                optionalString(json, "schemaVersion"),
                optionalObject(json, "metadata"));
    }

    /** The envelope's JSON; optional fields appear only when set. */
    public byte[] encode(Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = mapper.createGenerator(out)) {
            writeEnvelope(gen, event, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the envelope as one JSON object, followed by {@code extra} fields (the store adds
     * {@code stream}, {@code streamVersion} and {@code globalPosition} this way).
     */
    public void writeEnvelope(JsonGenerator gen, Event event, Map<String, Object> extra) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("eventId", event.eventId());
        gen.writeStringField("eventType", event.eventType());
        gen.writeStringField("timestamp", event.timestamp().toString());
        gen.writeStringField("source", event.source());
        writeOptional(gen, "subject", event.subject());
        writeOptional(gen, "correlationId", event.correlationId());
        writeOptional(gen, "causationId", event.causationId());
        writeOptional(gen, "schemaVersion", event.schemaVersion());
        gen.writeFieldName("data");
        mapper.writeValue(gen, event.data());
        if (!event.metadata().isEmpty()) {
            gen.writeFieldName("metadata");
            mapper.writeValue(gen, event.metadata());
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            gen.writeFieldName(e.getKey());
            mapper.writeValue(gen, e.getValue());
        }
        gen.writeEndObject();
    }

    /** Reads a JSON object stored by this codec (the store's data and metadata columns). */
    public Map<String, Object> readJsonObject(String json) {
        try {
            return mapper.readValue(json, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an object: " + firstLine(e), e);
        }
    }

    /** Writes a JSON value as text (the store's data and metadata columns). */
    public String writeJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + firstLine(e), e);
        }
    }

    private static void writeOptional(JsonGenerator gen, String field, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(field, value);
        }
    }

    static String requiredString(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            throw invalid(field, "required");
        }
        if (!(value instanceof String s)) {
            throw invalid(field, "must be a string, was " + jsonType(value));
        }
        if (s.isBlank()) {
            throw invalid(field, "must not be blank");
        }
        return s;
    }

    static String optionalString(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(field, "must be a string, was " + jsonType(value));
        }
        return s;
    }

    static Instant requiredInstant(Map<String, Object> json, String field) {
        String text = requiredString(json, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant such as 2024-01-01T00:00:00Z, was '" + abbreviate(text) + "'");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> requiredObject(Map<String, Object> json, String field) {
        Object value = json.get(field);
        if (value == null) {
            throw invalid(field, "required");
        }
        if (!(value instanceof Map)) {
            throw invalid(field, "must be a JSON object, was " + jsonType(value));
        }
        return (Map<String, Object>) value;
    }

    static Map<String, Object> optionalObject(Map<String, Object> json, String field) {
        return json.get(field) == null ? null : requiredObject(json, field);
    }

    static InvalidEventException invalid(String field, String what) {
        return new InvalidEventException(InvalidEventException.STAGE_VALIDATE, "field '" + field + "': " + what);
    }

    private static String jsonType(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "an array";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a string";
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
