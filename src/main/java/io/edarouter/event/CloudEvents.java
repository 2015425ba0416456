package io.edarouter.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * CloudEvents 1.0, the standard form of the envelope: {@code id, type, time, source, subject, data}.
 * Extension attributes {@code correlationid}, {@code causationid} and {@code schemaversion} map to the
 * envelope fields of those names; other extensions land in {@code metadata}.
 */
public final class CloudEvents {

    public static final String SPECVERSION = "specversion";
    /** Binary mode: attributes travel as headers (Kafka) or properties (Pulsar) with this prefix. */
    public static final String BINARY_PREFIX = "ce_";
    public static final String BINARY_SPECVERSION = BINARY_PREFIX + SPECVERSION;

    private static final Set<String> CORE = Set.of(SPECVERSION, "id", "type", "time", "source", "subject",
            "data", "datacontenttype", "dataschema", "correlationid", "causationid", "schemaversion");
    private static final String[] BINARY_ATTRIBUTES =
            {"id", "type", "time", "source", "subject", "correlationid", "causationid", "schemaversion"};

    private CloudEvents() {
    }

    static Event fromStructured(Map<String, Object> json) {
        checkSpecVersion(EventCodec.requiredString(json, SPECVERSION));
        Map<String, Object> metadata = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            if (!CORE.contains(name)) {
                metadata.put(name, value);
            }
        });
        return new Event(
                EventCodec.requiredString(json, "id"),
                EventCodec.requiredString(json, "type"),
                EventCodec.requiredInstant(json, "time"),
                EventCodec.requiredString(json, "source"),
                EventCodec.requiredObject(json, "data"),
                EventCodec.optionalString(json, "subject"),
                EventCodec.optionalString(json, "correlationid"),
                EventCodec.optionalString(json, "causationid"),
                EventCodec.optionalString(json, "schemaversion"),
                metadata);
    }

    static Event fromBinary(Map<String, Object> data, Function<String, String> header) {
        checkSpecVersion(header.apply(BINARY_SPECVERSION));
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : BINARY_ATTRIBUTES) {
            String value = header.apply(BINARY_PREFIX + name);
            if (value != null) {
                attributes.put(BINARY_PREFIX + name, value);
            }
        }
        return new Event(
                EventCodec.requiredString(attributes, BINARY_PREFIX + "id"),
                EventCodec.requiredString(attributes, BINARY_PREFIX + "type"),
                EventCodec.requiredInstant(attributes, BINARY_PREFIX + "time"),
                EventCodec.requiredString(attributes, BINARY_PREFIX + "source"),
                data,
                EventCodec.optionalString(attributes, BINARY_PREFIX + "subject"),
                EventCodec.optionalString(attributes, BINARY_PREFIX + "correlationid"),
                EventCodec.optionalString(attributes, BINARY_PREFIX + "causationid"),
                EventCodec.optionalString(attributes, BINARY_PREFIX + "schemaversion"),
                null);
    }

    /** The event as a structured-mode CloudEvent (JSON object). */
    public static Map<String, Object> toStructured(Event event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(SPECVERSION, "1.0");
        json.put("id", event.eventId());
        json.put("type", event.eventType());
        json.put("source", event.source());
        json.put("time", event.timestamp().toString());
        json.put("datacontenttype", "application/json");
        putIfSet(json, "subject", event.subject());
        putIfSet(json, "correlationid", event.correlationId());
        putIfSet(json, "causationid", event.causationId());
        putIfSet(json, "schemaversion", event.schemaVersion());
        event.metadata().forEach((name, value) -> {
            // CloudEvents extension names are lower-case alphanumerics; others cannot travel as attributes
            if (name.matches("[a-z0-9]{1,20}") && !json.containsKey(name)) {
                json.put(name, value);
            }
        });
        json.put("data", event.data());
        return json;
    }

    /** The binary-mode attributes of the event, as {@code ce_*} header names and values. */
    public static Map<String, String> toBinaryHeaders(Event event) {
        Map<String, String> headers = new LinkedHashMap<>();
        toStructured(event).forEach((name, value) -> {
            if (!"data".equals(name) && value != null && !(value instanceof Map) && !(value instanceof java.util.List)) {
                headers.put(BINARY_PREFIX + name, String.valueOf(value));
            }
        });
        return headers;
    }

    private static void putIfSet(Map<String, Object> json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void checkSpecVersion(String version) {
        if (!"1.0".equals(version)) {
            throw new InvalidEventException(InvalidEventException.STAGE_VALIDATE,
                    "field 'specversion': only CloudEvents 1.0 is supported, was '" + version + "'");
        }
    }
}
