package io.edarouter.enrich;

import java.nio.charset.StandardCharsets;

import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.apache.camel.Exchange;
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
}
