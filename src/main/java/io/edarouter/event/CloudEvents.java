package io.edarouter.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.broker.BrokerHeaders;
import org.apache.camel.Message;

/**
 * CloudEvents 1.0, the standard form of the envelope, in and out, structured mode (one JSON object) and binary mode
 * ({@code ce_*} Kafka headers or Pulsar properties, the data as the body).
 *
 * <p>In: {@code id, type, time, source, subject, data} are the envelope's {@code eventId, eventType, timestamp,
 * source, subject, data}; the extensions {@code correlationid}, {@code causationid} and {@code schemaversion} its
 * fields of those names. Every other extension lands in {@code metadata} under its name, as its text (the CloudEvents
 * canonical string: {@code "5"}, {@code "true"}), so both modes give the same event: a binary-mode header carries no
 * type. A structured attribute sent as {@code null} is absent, as the JSON format says.
 *
 * <p>Out: the envelope's fields as those attributes, {@code datacontenttype: application/json}, and as extensions
 * the fields of {@code metadata} that can be CloudEvents attributes: a name of lower-case letters and digits (at most
 * 20) that is no core attribute's, and a string, boolean or number value (an integer of 32 bits as a number, another
 * number as its text in structured mode). The others ({@code receivedAt}, {@code broker}, {@code enrichment}) are
 * left out.
 */
public final class CloudEvents {

    public static final String SPECVERSION = "specversion";
    /** Binary mode: attributes travel as headers (Kafka) or properties (Pulsar) with this prefix. */
    public static final String BINARY_PREFIX = "ce_";
    public static final String BINARY_SPECVERSION = BINARY_PREFIX + SPECVERSION;
    /** Binary mode: the event's id. */
    public static final String BINARY_ID = BINARY_PREFIX + "id";
    /** The header (Kafka) or property (Pulsar) that tells a structured-mode message from a binary-mode one. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String DATA_CONTENT_TYPE = "application/json";

    /** Attributes that are envelope fields, in the order they are written. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();
    /** Attributes that are neither envelope fields nor extensions. */
    private static final Set<String> OTHER_CORE = Set.of(SPECVERSION, "data", "data_base64", "datacontenttype", "dataschema");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");

    static {
        FIELDS.put("id", Event.EVENT_ID);
        FIELDS.put("type", Event.EVENT_TYPE);
        FIELDS.put("time", Event.TIMESTAMP);
        FIELDS.put("source", Event.SOURCE);
        FIELDS.put("subject", Event.SUBJECT);
        FIELDS.put("correlationid", Event.CORRELATION_ID);
        FIELDS.put("causationid", Event.CAUSATION_ID);
        FIELDS.put("schemaversion", Event.SCHEMA_VERSION);
    }

    private static final UnaryOperator<String> STRUCTURED_NAMES = field -> attribute(field, "");
    private static final UnaryOperator<String> BINARY_NAMES = field -> attribute(field, BINARY_PREFIX);

    private CloudEvents() {
    }

    static Event fromStructured(ObjectNode json, ReceivedJson received) {
        JsonNode version = json.get(SPECVERSION);
        checkSpecVersion(version == null || version.isNull() ? null : version.asText());
        ObjectNode envelope = Event.JSON.createObjectNode();
        FIELDS.forEach((attribute, field) -> {
            JsonNode value = json.get(attribute);
            if (value != null && !value.isNull()) {
                envelope.set(field, value);
            }
        });
        if (json.get("data") == null && json.has("data_base64")) {
            throw Envelope.invalid("data_base64", "binary data is not supported: data must be a JSON object");
        }
        envelope.set(Event.DATA, json.get("data"));
        ObjectNode metadata = Event.JSON.createObjectNode();
        json.properties().forEach(attribute -> {
            String name = attribute.getKey();
            JsonNode value = attribute.getValue();
            if (FIELDS.containsKey(name) || OTHER_CORE.contains(name) || value.isNull()) {
                return;
            }
            if (value.isContainerNode()) {
                throw Envelope.invalid(name, "a CloudEvents attribute is a string, number or boolean, was "
                        + Envelope.jsonType(value));
            }
            metadata.put(name, value.asText());
        });
        if (!metadata.isEmpty()) {
            envelope.set(Event.METADATA, metadata);
        }
        return Envelope.validate(envelope, null, null, STRUCTURED_NAMES, received);
    }

    static Event fromBinary(ObjectNode data, Map<String, String> headers, ReceivedJson received) {
        checkSpecVersion(headers.get(BINARY_SPECVERSION));
        ObjectNode envelope = Event.JSON.createObjectNode();
        FIELDS.forEach((attribute, field) -> {
            String value = headers.get(BINARY_PREFIX + attribute);
            if (value != null) {
                envelope.put(field, value);
            }
        });
        envelope.set(Event.DATA, data);
        ObjectNode metadata = Event.JSON.createObjectNode();
        headers.forEach((header, value) -> {
            if (value != null && header.startsWith(BINARY_PREFIX)) {
                String name = header.substring(BINARY_PREFIX.length());
                if (!FIELDS.containsKey(name) && !OTHER_CORE.contains(name)) {
                    metadata.put(name, value);
                }
            }
        });
        if (!metadata.isEmpty()) {
            envelope.set(Event.METADATA, metadata);
        }
        return Envelope.validate(envelope, null, null, BINARY_NAMES, received);
    }

    /** The event as a structured-mode CloudEvent (a JSON object sharing the event's data). */
    public static ObjectNode toStructured(Event event) {
        ObjectNode json = Event.JSON.createObjectNode();
        json.put(SPECVERSION, "1.0");
        FIELDS.forEach((attribute, field) -> {
            JsonNode value = event.envelope().get(field);
            if (value != null && value.isTextual()) {
                json.set(attribute, value);
            }
        });
        json.put("datacontenttype", DATA_CONTENT_TYPE);
        JsonNode metadata = event.metadata();
        if (metadata != null) {
            metadata.properties().forEach(field -> {
                JsonNode value = field.getValue();
                if (isExtension(field.getKey(), value)) {
                    json.set(field.getKey(), value.isTextual() || value.isBoolean()
                            || value.isIntegralNumber() && value.canConvertToInt()
                            ? value : JsonNodeFactory.instance.textNode(value.asText()));
                }
            });
        }
        json.set("data", event.data());
        return json;
    }

    /**
     * The binary-mode attributes of the event: {@code ce_*} header names and their text ({@code datacontenttype} is
     * the message's {@code content-type} in binary mode, not a {@code ce_} header).
     */
    public static Map<String, String> toBinaryHeaders(Event event) {
        Map<String, String> headers = new LinkedHashMap<>();
        toStructured(event).properties().forEach(attribute -> {
            if (!"data".equals(attribute.getKey()) && !"datacontenttype".equals(attribute.getKey())) {
                headers.put(BINARY_PREFIX + attribute.getKey(), attribute.getValue().asText());
            }
        });
        return headers;
    }

    /**
     * Makes {@code message} a structured-mode CloudEvent of the event: the JSON as body and
     * {@code content-type: application/cloudevents+json} (a Kafka header and a Pulsar property).
     */
    public static void writeStructured(Event event, Message message) {
        try {
            message.setBody(Event.JSON.writeValueAsBytes(toStructured(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId() + " as a CloudEvent", e);
        }
        BrokerHeaders.setOutgoing(message, Map.of(CONTENT_TYPE, STRUCTURED_CONTENT_TYPE));
    }

    /**
     * Makes {@code message} a binary-mode CloudEvent of the event: the data's JSON as body, the attributes as
     * {@code ce_*} Kafka headers and Pulsar properties, and {@code content-type: application/json}.
     */
    public static void writeBinary(Event event, Message message) {
        try {
            message.setBody(Event.JSON.writeValueAsBytes(event.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the data of event " + event.eventId(), e);
        }
        Map<String, String> headers = toBinaryHeaders(event);
        headers.put(CONTENT_TYPE, DATA_CONTENT_TYPE);
        BrokerHeaders.setOutgoing(message, headers);
    }

    /**
     * The {@code ce_*} headers of a message (Kafka headers, Pulsar properties) as text, when it is a binary-mode
     * CloudEvent; otherwise empty.
     */
    public static Map<String, String> binaryHeaders(Message message) {
        if (BrokerHeaders.text(message, BINARY_SPECVERSION) == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        BrokerHeaders.pulsarProperties(message).forEach((name, value) -> {
            if (name.startsWith(BINARY_PREFIX)) {
                headers.put(name, value);
            }
        });
        message.getHeaders().keySet().forEach(name -> {
            if (name.startsWith(BINARY_PREFIX)) {
                headers.put(name, BrokerHeaders.text(message, name));
            }
        });
        return headers;
    }

    private static boolean isExtension(String name, JsonNode value) {
        return EXTENSION_NAME.matcher(name).matches() && !FIELDS.containsKey(name) && !OTHER_CORE.contains(name)
                && (value.isTextual() || value.isBoolean() || value.isNumber());
    }

    private static String attribute(String field, String prefix) {
        for (Map.Entry<String, String> entry : FIELDS.entrySet()) {
            if (entry.getValue().equals(field)) {
                return prefix + entry.getKey();
            }
        }
        // data: in binary mode the message body
        return field;
    }

    private static void checkSpecVersion(String version) {
        if (version == null) {
            throw Envelope.invalid(SPECVERSION, "required");
        }
        if (!"1.0".equals(version)) {
            throw new InvalidEventException(InvalidEventException.STAGE_VALIDATE,
                    "field 'specversion': only CloudEvents 1.0 is supported, was '" + version + "'");
        }
    }
}
