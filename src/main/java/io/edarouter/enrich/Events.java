package io.edarouter.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.event.Event;

/** Copies of an immutable event with one part changed (copy-on-write: see {@link Event.Edit}). */
final class Events {

    private Events() {
    }

    /** The event with {@code data.<field> = value}. */
    static Event withData(Event e, String field, JsonNode value) {
        Event.Edit edit = e.edit();
        edit.object(Event.DATA).set(field, value);
        return edit.done();
    }

    /** The event with {@code metadata.enrichment.<field> = status}. */
    static Event withEnrichmentStatus(Event e, String field, String status) {
        Event.Edit edit = e.edit();
        edit.object(Event.METADATA, EnrichConstants.ENRICHMENT).put(field, status);
        return edit.done();
    }
}
