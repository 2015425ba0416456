package io.edarouter.enrich;

import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.event.Event;

/** Copies of an immutable event with one part changed. */
final class Events {

    private Events() {
    }

    static Event withData(Event e, String field, Object value) {
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        data.put(field, value);
        return new Event(e.eventId(), e.eventType(), e.timestamp(), e.source(), data, e.subject(), e.correlationId(),
                e.causationId(), e.schemaVersion(), e.metadata());
    }

    static Event withCorrelationAndMetadata(Event e, String correlationId, Map<String, Object> metadata) {
        return new Event(e.eventId(), e.eventType(), e.timestamp(), e.source(), e.data(), e.subject(), correlationId,
                e.causationId(), e.schemaVersion(), metadata);
    }

    /** The event with {@code metadata.enrichment.<field> = status}. */
    @SuppressWarnings("unchecked")
    static Event withEnrichmentStatus(Event e, String field, String status) {
        Map<String, Object> metadata = new LinkedHashMap<>(e.metadata());
        Map<String, Object> enrichment = metadata.get(EnrichConstants.ENRICHMENT) instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        enrichment.put(field, status);
        metadata.put(EnrichConstants.ENRICHMENT, enrichment);
        return e.withMetadata(metadata);
    }
}
