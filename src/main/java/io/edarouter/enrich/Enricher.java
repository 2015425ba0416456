package io.edarouter.enrich;

import io.edarouter.event.Event;
import org.apache.camel.Exchange;

/** Adds to an event; the event is immutable, so an enricher returns a new one. */
interface Enricher {

    Event enrich(Event event, Exchange exchange) throws Exception;

    default void start() {
    }

    default void stop() {
    }
}
