package io.edarouter.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.config.EdaProperties;

/**
 * Decodes and validates events from bytes: the router's envelope, or CloudEvents 1.0 in structured or binary
 * mode, parsed once into the tree the {@link Event} is. Every refusal is an {@link InvalidEventException} whose reason
 * names the field or the limit.
 */
public final class EventCodec {

    private final EventLimits limits;
    private final ObjectMapper mapper;

    public EventCodec(EventLimits limits) {
        this.limits = limits;
        this.mapper = mapper(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringChars())
                .build());
    }

    public EventCodec() {
        this(EventLimits.DEFAULT);
    }

    /**
     * A mapper that reads JSON into trees the way event-ruler reads JSON text: a number keeps its value and its
     * written scale ({@code 1.50} stays {@code 1.50}, not the double {@code 1.5}; a 20-digit number stays exact), so a
     * pattern's verdict on the tree is its verdict on the text. A duplicate key is refused as the tree is built (the
     * previous value a key's put returns), not by the parser's own detection, which kept a set of every object's
     * names and was 6% of the Kafka consumer thread's samples.
     */
    static ObjectMapper mapper(StreamReadConstraints constraints) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    public EventLimits limits() {
        return limits;
    }

    /** The mapper this codec reads JSON with (limits applied, numbers as events hold them). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Decodes an envelope or a structured-mode CloudEvent. */
    public Event decode(byte[] bytes) {
        return decode(bytes, Map.of());
    }

    /**
     * Decodes an event. When {@code headers} (a message's headers as text: Kafka headers, Pulsar properties) hold a
     * {@code ce_specversion}, the event is a binary-mode CloudEvent: its attributes are the {@code ce_*} headers and
     * the bytes are its data.
     */
    public Event decode(byte[] bytes, Map<String, String> headers) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty body: expected a JSON event");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE,
                    "event is " + bytes.length + " bytes, over the limit of " + limits.maxBytes() + " bytes ("
                            + EdaProperties.EVENT_MAX_BYTES + ")");
        }
        Parsed parsed = readObject(bytes);
        ObjectNode json = parsed.json;
        checkFieldCount(json);
        if (headers.get(CloudEvents.BINARY_SPECVERSION) != null) {
            // binary mode: the bytes are the data object
            return CloudEvents.fromBinary(json, headers,
                    new ReceivedJson(bytes, json, parsed.start, parsed.end, null, -1, -1));
        }
        if (json.has(CloudEvents.SPECVERSION)) {
            return CloudEvents.fromStructured(json, parsed.received(null));
        }
        return Envelope.validate(json, bytes, null, Envelope.AS_SENT, parsed.received(json.get(Event.METADATA)));
    }

    /**
     * Reads a request body holding one event or a JSON array of events, without validating them: each
     * element goes through {@link #fromJson(JsonNode)} so every one gets its own verdict.
     */
    public List<JsonNode> readBatch(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty body: expected a JSON event or an array of events");
        }
        try {
            JsonNode value = mapper.readTree(bytes);
            if (value == null || value.isMissingNode()) {
                throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty body: expected a JSON event or an array of events");
            }
            List<JsonNode> items = new ArrayList<>(value.isArray() ? value.size() : 1);
            if (value.isArray()) {
                value.forEach(items::add);
            } else {
                items.add(value);
            }
            return items;
        } catch (JsonProcessingException e) {
            throw decodeError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates one JSON value read by {@link #readBatch} as an envelope or a structured CloudEvent; takes it over. */
    public Event fromJson(JsonNode json) {
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "event is not a JSON object");
        }
        checkFieldCount(object);
        return object.has(CloudEvents.SPECVERSION) ? CloudEvents.fromStructured(object, null)
                : Envelope.validate(object, null, null, Envelope.AS_SENT, null);
    }

    /**
     * Reads the object field by field, noting where the {@code data} and {@code metadata} objects are in the bytes
     * (the store and dispatch write them from there); each value is read as {@code readTree} reads it.
     */
    private Parsed readObject(byte[] bytes) {
        try (JsonParser parser = mapper.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "body is not a JSON object");
            }
            Parsed parsed = new Parsed(bytes, mapper.getNodeFactory().objectNode());
            parsed.start = (int) parser.currentTokenLocation().getByteOffset();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getByteOffset();
                JsonNode value = switch (token) {
                    case VALUE_STRING -> mapper.getNodeFactory().textNode(parser.getText());
                    case VALUE_NULL -> mapper.getNodeFactory().nullNode();
                    default -> mapper.readTree(parser);
                };
                if (parsed.json.replace(name, value) != null) {
                    throw new InvalidEventException(InvalidEventException.STAGE_DECODE,
                            "not valid JSON: " + duplicate(name));
                }
                if (token == JsonToken.START_OBJECT) {
                    int end = (int) parser.currentLocation().getByteOffset();
                    if (Event.DATA.equals(name)) {
                        parsed.dataStart = start;
                        parsed.dataEnd = end;
                    } else if (Event.METADATA.equals(name)) {
                        parsed.metadataStart = start;
                        parsed.metadataEnd = end;
                    }
                }
            }
            parsed.end = (int) parser.currentLocation().getByteOffset();
            if (parser.nextToken() != null) {
                throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "trailing content after the JSON object");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw decodeError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decoded object, where it is in the bytes (without what surrounds it), and where its {@code data} and
     * {@code metadata} objects are (-1: not an object).
     */
    private static final class Parsed {
        final byte[] bytes;
        final ObjectNode json;
        int start;
        int end;
        int dataStart = -1;
        int dataEnd = -1;
        int metadataStart = -1;
        int metadataEnd = -1;

        Parsed(byte[] bytes, ObjectNode json) {
            this.bytes = bytes;
            this.json = json;
        }

        /** What an event made of this object keeps of the bytes; {@code metadata} is its metadata, if received. */
        ReceivedJson received(JsonNode metadata) {
            JsonNode data = json.get(Event.DATA);
            if (dataStart < 0 && metadataStart < 0) {
                return null;
            }
            return new ReceivedJson(bytes, dataStart < 0 ? null : data, dataStart, dataEnd,
                    metadataStart < 0 ? null : metadata, metadataStart, metadataEnd);
        }
    }

    /** Refuses an event with more values than {@link EventLimits#maxFields()}, an enormous array included. */
    private void checkFieldCount(JsonNode json) {
        int count = countValues(json, 0);
        if (count > limits.maxFields()) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "event holds more than " + limits.maxFields()
                    + " values (" + EdaProperties.EVENT_MAX_FIELDS + ")");
        }
    }

    /** Counts values below {@code json}, stopping once past the limit so a huge input costs no more. */
    private int countValues(JsonNode json, int counted) {
        if (json.isContainerNode()) {
            for (JsonNode value : json) {
                if (counted > limits.maxFields()) {
                    return counted;
                }
                counted = countValues(value, counted + 1);
            }
        }
        return counted;
    }

    private InvalidEventException decodeError(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return new InvalidEventException(InvalidEventException.STAGE_DECODE,
                    "JSON over a limit (" + EdaProperties.EVENT_MAX_DEPTH + "=" + limits.maxDepth() + ", "
                            + EdaProperties.EVENT_MAX_STRING_CHARS + "=" + limits.maxStringChars() + "): " + firstLine(e), e);
        }
        String message = firstLine(e);
        int named = message.indexOf("' for `ObjectNode`");
        if (e instanceof MismatchedInputException && message.startsWith("Duplicate field '") && named > 0) {
            // the tree's refusal goes on to name Jackson's feature; the user needs the field
            return new InvalidEventException(InvalidEventException.STAGE_DECODE,
                    "not valid JSON: " + message.substring(0, named + 1), e);
        }
        return new InvalidEventException(InvalidEventException.STAGE_DECODE, "not valid JSON: " + message, e);
    }

    private static String duplicate(String name) {
        return "Duplicate field '" + name + "'";
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
