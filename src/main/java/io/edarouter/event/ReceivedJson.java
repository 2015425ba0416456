package io.edarouter.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The bytes an event was decoded from and where in them its {@code data} and {@code metadata} objects are, so that
 * what is stored and dispatched repeats the bytes received instead of writing the parsed tree back, value by value.
 * The nodes are the ones the decoder built: an event's part is "as received" when it is the very same node.
 */
final class ReceivedJson {

    final byte[] bytes;
    final JsonNode data;
    final int dataStart;
    final int dataEnd;
    /** The metadata object as received, or null when none was (or it was not an object). */
    final JsonNode metadata;
    final int metadataStart;
    final int metadataEnd;

    ReceivedJson(byte[] bytes, JsonNode data, int dataStart, int dataEnd, JsonNode metadata, int metadataStart,
            int metadataEnd) {
        this.bytes = bytes;
        this.data = data;
        this.dataStart = dataStart;
        this.dataEnd = dataEnd;
        this.metadata = metadata;
        this.metadataStart = metadataStart;
        this.metadataEnd = metadataEnd;
    }
}
