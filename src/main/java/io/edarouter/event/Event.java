package io.edarouter.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event envelope, held as its JSON: one Jackson tree, parsed once from what the producer sent
 * (or mapped from a CloudEvent), validated in place, and read by everything after: patterns match on it, the store
 * writes its {@code data} and {@code metadata} from it, dispatch sends its {@link #bytes()}. Field names are a public
 * contract: they are the JSON names on the wire, in the store and in {@code event-pattern} rules.
 *
 * <p>What was sent is what the event is: an optional field sent as {@code null} stays present with {@code null}, keys
 * with dots stay as they are, the timestamp keeps its text ({@link #timestampInstant()} gives the instant). Fields
 * outside the envelope's ten are not part of it and are left out.
 *
 * <p>Immutable: enrichment makes a new event with {@link #edit()}, which copies the top-level object and the objects
 * it changes, and shares everything else with this one. The nodes the accessors return are this event's own and
 * must not be modified.
 */
public final class Event {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String TIMESTAMP = "timestamp";
    public static final String SOURCE = "source";
    public static final String DATA = "data";
    public static final String SUBJECT = "subject";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String METADATA = "metadata";

    /** Writes events and reads stored ones: the number handling of {@link EventCodec}, without input limits. */
    static final ObjectMapper JSON = EventCodec.mapper(com.fasterxml.jackson.core.StreamReadConstraints.defaults());

    private final ObjectNode envelope;
    private final Instant instant;
    /** The bytes the envelope was parsed from, while it is exactly those; null otherwise. */
    private final byte[] received;
    /** Where the bytes received hold data and metadata; kept by edits, which share what they do not change. */
    private final ReceivedJson receivedJson;
    private volatile byte[] written;
    private volatile byte[] dataBytes;
    private volatile byte[] metadataBytes;

    Event(ObjectNode envelope, Instant instant, byte[] received, ReceivedJson receivedJson) {
        this.envelope = envelope;
        this.instant = instant;
        this.received = received;
        this.receivedJson = receivedJson;
    }

    /**
     * An event from its envelope, validated as {@link EventCodec} validates input (without its size limits, which
     * bound what arrives, not what is stored). The event takes the node over: the caller must not change it after.
     *
     * @throws InvalidEventException naming the field, when the envelope is not valid
     */
    public static Event of(ObjectNode envelope) {
        return Envelope.validate(envelope, null, null, Envelope.AS_SENT, null);
    }

    /** An event with only the required fields; {@code data} is taken over as {@link #of(ObjectNode)} says. */
    public static Event of(String eventId, String eventType, String timestamp, String source, ObjectNode data) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put(EVENT_ID, eventId);
        envelope.put(EVENT_TYPE, eventType);
        envelope.put(TIMESTAMP, timestamp);
        envelope.put(SOURCE, source);
        envelope.set(DATA, data);
        return of(envelope);
    }

    public String eventId() {
        return envelope.get(EVENT_ID).textValue();
    }

    public String eventType() {
        return envelope.get(EVENT_TYPE).textValue();
    }

    /** The timestamp as the producer wrote it, e.g. {@code 2024-01-01T02:00:00.000+02:00}. */
    public String timestamp() {
        return envelope.get(TIMESTAMP).textValue();
    }

    /** The instant the timestamp names. */
    public Instant timestampInstant() {
        return instant;
    }

    public String source() {
        return envelope.get(SOURCE).textValue();
    }

    /** The payload, a JSON object. Must not be modified. */
    public JsonNode data() {
        return envelope.get(DATA);
    }

    /** Optional: null when absent or sent as null. */
    public String subject() {
        return text(SUBJECT);
    }

    /** Optional: null when absent or sent as null. */
    public String correlationId() {
        return text(CORRELATION_ID);
    }

    /** Optional: null when absent or sent as null. */
    public String causationId() {
        return text(CAUSATION_ID);
    }

    /** Optional: null when absent or sent as null. */
    public String schemaVersion() {
        return text(SCHEMA_VERSION);
    }

    /** Optional JSON object that enrichment adds to: null when absent or sent as null. Must not be modified. */
    public JsonNode metadata() {
        JsonNode metadata = envelope.get(METADATA);
        return metadata == null || metadata.isNull() ? null : metadata;
    }

    /** The text of a string field of {@code metadata}, or null. */
    public String metadataText(String field) {
        JsonNode metadata = metadata();
        JsonNode value = metadata == null ? null : metadata.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * The whole envelope as a tree: the fields present, in the order they came, a field sent as {@code null}
     * present with a null node. What patterns are matched against. Must not be modified.
     */
    public JsonNode envelope() {
        return envelope;
    }

    /**
     * The envelope's JSON (UTF-8): the bytes received, when the event is an envelope exactly as it arrived;
     * otherwise written once, its {@code data} and {@code metadata} as {@link #dataJson()} and
     * {@link #metadataJson()} give them. The array is the event's own: it must not be modified.
     */
    public byte[] bytes() {
        if (received != null) {
            return received;
        }
        byte[] bytes = written;
        if (bytes == null) {
            bytes = writeEnvelope();
            written = bytes;
        }
        return bytes;
    }

    /**
     * The JSON of {@code data}, as the store keeps it: the bytes received when it is the object received, or the
     * object received with the fields enrichment added after it; written only when the event has no received
     * data, or a change replaced or removed one of its fields. Written once per event.
     */
    public String dataJson() {
        return new String(dataBytes(), StandardCharsets.UTF_8);
    }

    /**
     * The JSON of {@code metadata} as {@link #dataJson()} gives data's: {@code null} (JSON) when sent as null, and
     * null when the event has none.
     */
    public String metadataJson() {
        byte[] bytes = metadataBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private byte[] dataBytes() {
        byte[] bytes = dataBytes;
        if (bytes == null) {
            ReceivedJson from = receivedJson;
            bytes = from == null ? null : spliced(data(), from.data, from.bytes, from.dataStart, from.dataEnd);
            if (bytes == null) {
                bytes = write(data());
            }
            dataBytes = bytes;
        }
        return bytes;
    }

    private byte[] metadataBytes() {
        JsonNode metadata = envelope.get(METADATA);
        if (metadata == null) {
            return null;
        }
        byte[] bytes = metadataBytes;
        if (bytes == null) {
            ReceivedJson from = receivedJson;
            bytes = from == null ? null
                    : spliced(metadata, from.metadata, from.bytes, from.metadataStart, from.metadataEnd);
            if (bytes == null) {
                bytes = write(metadata);
            }
            metadataBytes = bytes;
        }
        return bytes;
    }

    /**
     * The JSON of {@code now} from the bytes of the object {@code received} was parsed from: those bytes when it is
     * that object, or when it has that object's fields, the same nodes in the same order, followed by others (what
     * {@link Edit#object} and {@code set} of a new field make), those bytes with the others written before the
     * closing brace. Null when neither (a field replaced or removed): the caller writes the tree.
     */
    private static byte[] spliced(JsonNode now, JsonNode received, byte[] bytes, int start, int end) {
        if (received == null || now == null) {
            return null;
        }
        if (now == received) {
            return Arrays.copyOfRange(bytes, start, end);
        }
        if (!(now instanceof ObjectNode object) || !(received instanceof ObjectNode original)
                || object.size() < original.size()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        for (Iterator<Map.Entry<String, JsonNode>> was = original.fields(); was.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Map.Entry<String, JsonNode> sent = was.next();
            if (field.getValue() != sent.getValue() || !field.getKey().equals(sent.getKey())) {
                return null;
            }
        }
        if (!fields.hasNext()) {
            return Arrays.copyOfRange(bytes, start, end);
        }
        ObjectNode added = JSON.createObjectNode();
        fields.forEachRemaining(field -> added.set(field.getKey(), field.getValue()));
        byte[] tail = write(added);
        int close = end - 1;
        while (bytes[close] != '}') {
            close--;
        }
        // the object received up to its closing brace, a comma unless it was empty, the added fields and the brace
        int head = close - start;
        int comma = original.isEmpty() ? 0 : 1;
        byte[] joined = new byte[head + comma + tail.length - 1];
        System.arraycopy(bytes, start, joined, 0, head);
        if (comma == 1) {
            joined[head] = ',';
        }
        System.arraycopy(tail, 1, joined, head + comma, tail.length - 1);
        return joined;
    }

    /** The envelope, field by field in its order, data and metadata as their bytes. */
    private byte[] writeEnvelope() {
        byte[] data = dataBytes();
        JsonBytes out = new JsonBytes(JSON, data.length + 512);
        out.put((byte) '{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = envelope.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!first) {
                out.put((byte) ',');
            }
            first = false;
            out.string(field.getKey());
            out.put((byte) ':');
            if (DATA.equals(field.getKey())) {
                out.put(data);
            } else if (METADATA.equals(field.getKey())) {
                out.put(metadataBytes());
            } else {
                out.value(field.getValue());
            }
        }
        out.put((byte) '}');
        return out.toByteArray();
    }

    private static byte[] write(JsonNode node) {
        return JsonBytes.write(JSON, node);
    }

    /**
     * The envelope's JSON with {@code fields} added at its end (the store's read answers add {@code stream},
     * {@code streamVersion} and {@code globalPosition} so): {@link #bytes()} extended, not written again.
     */
    public byte[] bytesWith(ObjectNode fields) {
        byte[] envelope = bytes();
        if (fields.isEmpty()) {
            return envelope;
        }
        int end = envelope.length - 1;
        while (envelope[end] != '}') {
            end--;
        }
        byte[] added = write(fields);
        // the envelope up to its closing brace, a comma, and the fields' object without its opening brace
        byte[] joined = new byte[end + added.length];
        System.arraycopy(envelope, 0, joined, 0, end);
        joined[end] = ',';
        System.arraycopy(added, 1, joined, end + 1, added.length - 1);
        return joined;
    }

    /** A change set on a copy of this event. */
    public Edit edit() {
        return new Edit(this);
    }

    private String text(String field) {
        JsonNode value = envelope.get(field);
        return value == null ? null : value.textValue();
    }

    /** Events are equal when their envelopes are (as JSON values: the order of fields does not count). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Event event && envelope.equals(event.envelope);
    }

    /** The eventId's alone: equal events have equal ids, and hashing the data of a large event costs. */
    @Override
    public int hashCode() {
        return eventId().hashCode();
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /**
     * Changes to make a new event from one, by copy-on-write: the top-level object is copied once, an object below it
     * only when {@link #object} asks for it, and all else is shared with the original, which stays as it was.
     * {@link #done()} validates the envelope again and gives the new event.
     *
     * <pre>
     * Event.Edit edit = event.edit().set("correlationId", event.eventId());
     * edit.object("metadata").put("receivedAt", now);
     * Event enriched = edit.done();
     * </pre>
     *
     * The nodes {@link #object} returns belong to this change set and may be changed freely; nodes read from them
     * with {@code get} are still shared and must not be changed: ask {@link #object} for a deeper path instead.
     */
    public static final class Edit {

        private final Event original;
        private final ObjectNode envelope;
        /** The objects this change set owns: the top-level copy and the copies {@link #object} made (a few). */
        private final List<JsonNode> owned = new ArrayList<>(4);

        private Edit(Event original) {
            this.original = original;
            this.envelope = shallowCopy(original.envelope);
            owned.add(envelope);
        }

        /** Sets a top-level field; a null value removes it. */
        public Edit set(String field, JsonNode value) {
            if (value == null) {
                envelope.remove(field);
            } else {
                envelope.set(field, value);
            }
            return this;
        }

        /** Sets a top-level string field; null removes it. */
        public Edit set(String field, String value) {
            return set(field, value == null ? null : JsonNodeFactory.instance.textNode(value));
        }

        /**
         * The object at {@code path} below the envelope (e.g. {@code "metadata", "enrichment"}), owned by this change
         * set: a copy of the event's object there, or a new empty one where the event has none, a null or a value
         * that is not an object. Each object on the way is copied at most once per change set.
         */
        public ObjectNode object(String... path) {
            ObjectNode node = envelope;
            for (String name : path) {
                JsonNode child = node.get(name);
                ObjectNode mine;
                if (child instanceof ObjectNode object) {
                    mine = owns(object) ? object : shallowCopy(object);
                } else {
                    mine = JSON.createObjectNode();
                }
                if (mine != child) {
                    node.set(name, mine);
                    owned.add(mine);
                }
                node = mine;
            }
            return node;
        }

        /** The new event. */
        public Event done() {
            return Envelope.validate(envelope, null,
                    original.envelope.get(TIMESTAMP) == envelope.get(TIMESTAMP) ? original.instant : null, Envelope.AS_SENT,
                    original.receivedJson);
        }

        private boolean owns(ObjectNode object) {
            for (JsonNode mine : owned) {
                if (mine == object) {
                    return true;
                }
            }
            return false;
        }

        private static ObjectNode shallowCopy(ObjectNode object) {
            ObjectNode copy = JSON.createObjectNode();
            copy.setAll(object);
            return copy;
        }
    }

    /**
     * Reads JSON the way events hold it (numbers as written), without the input limits: the store's {@code data}
     * and {@code metadata} columns, or a value to put into an event.
     */
    public static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Writes a JSON value as text. An event's own data and metadata: {@link #dataJson()}, {@link #metadataJson()}. */
    public static String writeJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
