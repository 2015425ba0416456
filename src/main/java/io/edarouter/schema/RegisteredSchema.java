package io.edarouter.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One version of an event type's schema, as registered: immutable once it is.
 *
 * @param eventType    the event type whose {@code data} it describes
 * @param version      1, 2, ... in registration order
 * @param schema       the JSON Schema (draft 2020-12) document
 * @param registeredAt when the registry first knew it
 */
public record RegisteredSchema(String eventType, int version, JsonNode schema, Instant registeredAt) {
}
