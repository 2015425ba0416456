package io.edarouter.event;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * The event envelope of DESIGN.md. Field names are a public contract: they are the JSON names on
 * the wire, in the store and in {@code event-pattern} rules.
 *
 * @param eventId       unique id of the event (idempotency key of the store)
 * @param eventType     what happened, e.g. {@code OrderCreated}
 * @param timestamp     when it happened, as stated by the producer
 * @param source        who produced it, e.g. {@code order-service}
 * @param data          the payload, a JSON object
 * @param subject       optional: the entity the event is about, e.g. {@code order-12345}
 * @param correlationId optional
 * @param causationId   optional
 * @param schemaVersion optional
 * @param metadata      optional JSON object; enrichment adds to it
 */
public record Event(
        String eventId,
        String eventType,
        Instant timestamp,
        String source,
        Map<String, Object> data,
        String subject,
        String correlationId,
        String causationId,
        String schemaVersion,
        Map<String, Object> metadata) {

    /** The eventId's alone: equal events have equal ids, and hashing the data of a large event costs. */
    @Override
    public int hashCode() {
        return eventId.hashCode();
    }

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(data, "data");
        // JSON objects may hold nulls, which Map.copyOf refuses; the codec hands over maps it no longer uses
        data = Collections.unmodifiableMap(data);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(metadata);
    }

    /** An event with only the required fields. */
    public static Event of(String eventId, String eventType, Instant timestamp, String source, Map<String, Object> data) {
        return new Event(eventId, eventType, timestamp, source, data, null, null, null, null, null);
    }

    public Event withMetadata(Map<String, Object> newMetadata) {
        return new Event(eventId, eventType, timestamp, source, data, subject, correlationId, causationId,
                schemaVersion, newMetadata);
    }
}
