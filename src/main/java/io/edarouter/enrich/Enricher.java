package io.edarouter.enrich;

import io.edarouter.event.Event;
import java.util.List;

import org.apache.camel.Exchange;

/** Adds to an event; the event is immutable, so an enricher returns a new one. */
interface Enricher {

    /** In a batch, {@code exchange} shares the headers of the event's record: read them, change none. */
    Event enrich(Event event, Exchange exchange) throws Exception;

    /**
     * Before a batch is enriched one event at a time: each event seen through its arrival exchange. An enricher
     * may fetch for the whole batch at once here; what goes wrong is left for {@link #enrich} to report.
     */
    default void prepare(List<Exchange> arrivals) {
    }

    default void start() {
    }

    default void stop() {
    }
}
