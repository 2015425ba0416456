package io.edarouter.enrich;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.event.EventBatch;
import io.edarouter.event.InvalidEventException;
import io.edarouter.event.EventCodec;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultProducer;

/** Replaces the exchange's event (an {@link Event}, or JSON bytes or text decoded here) by its enriched copy. */
final class EnrichProducer extends DefaultProducer {

    private static final EventCodec CODEC = new EventCodec();

    private final Enricher enricher;

    EnrichProducer(EnrichEndpoint endpoint, Enricher enricher) {
        super(endpoint);
        this.enricher = enricher;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        enricher.start();
    }

    @Override
    protected void doStop() throws Exception {
        enricher.stop();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (exchange.getMessage().getBody() instanceof List<?> batch && batch.isEmpty()) {
            return; // an empty batch (its records all refused before this step) is a batch with nothing to enrich
        }
        if (EventBatch.isBatch(exchange)) {
            enrichBatch(exchange);
            return;
        }
        Object body = exchange.getMessage().getBody();
        Event event;
        if (body instanceof Event e) {
            event = e;
        } else if (body instanceof String text) {
            event = CODEC.decode(text.getBytes(StandardCharsets.UTF_8));
        } else {
            event = CODEC.decode(exchange.getMessage().getMandatoryBody(byte[].class));
        }
        exchange.getMessage().setBody(event);
        exchange.getMessage().setBody(enricher.enrich(event, exchange));
    }

    /**
     * Each event of an ingest batch, seen through the record it arrived in (its broker headers); an event the
     * enricher refuses leaves the batch and is dead-lettered by the append step, the others go on.
     */
    private void enrichBatch(Exchange exchange) throws Exception {
        List<Event> events = EventBatch.events(exchange);
        List<Exchange> records = EventBatch.records(exchange);
        List<Exchange> arrivals = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            arrivals.add(arrival(records.get(i), events.get(i)));
        }
        enricher.prepare(arrivals);
        int i = 0;
        while (i < events.size()) {
            try {
                events.set(i, enricher.enrich(events.get(i), arrivals.get(i)));
                i++;
            } catch (InvalidEventException refused) {
                EventBatch.refuse(exchange, i, refused);
                arrivals.remove(i);
            }
        }
    }

    /**
     * The event on an exchange that shares its record's headers: enrichers read them and write none, and a copy of
     * the record per event and step (its headers copied into a new case-insensitive map) cost more than the enricher.
     */
    private static Exchange arrival(Exchange record, Event event) {
        Exchange arrival = new DefaultExchange(record.getContext());
        arrival.getMessage().setHeaders(record.getMessage().getHeaders());
        if (record.hasProperties()) {
            arrival.getProperties().putAll(record.getProperties());
        }
        arrival.getMessage().setBody(event);
        return arrival;
    }

}
