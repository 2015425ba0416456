package io.edarouter.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The events an ingest exchange carries from decoding to the store: the body is a {@code List<Event>} and the
 * exchange property {@value #RECORDS} holds, index for index, the broker record each came from (its headers
 * say where it arrived). A step that refuses one event takes it out of the batch with {@link #refuse}; the
 * append step dead-letters the refused ones with their records' original bytes.
 */
public final class EventBatch {

    /** Exchange property: the records of the events in the body, in the same order. */
    public static final String RECORDS = "eda-ingest-records";
    /** Exchange property: records refused after decoding, with why, waiting to be dead-lettered. */
    public static final String REFUSED = "eda-ingest-refused";

    private EventBatch() {
    }

    /** Whether the exchange carries a batch (a body of events with their records). */
    public static boolean isBatch(Exchange exchange) {
        return exchange.getProperty(RECORDS) instanceof List<?> && exchange.getMessage().getBody() instanceof List<?>;
    }

    @SuppressWarnings("unchecked")
    public static List<Event> events(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    @SuppressWarnings("unchecked")
    public static List<Exchange> records(Exchange exchange) {
        return exchange.getProperty(RECORDS, List.class);
    }

    /** Starts a batch on the exchange. */
    public static void set(Exchange exchange, List<Event> events, List<Exchange> records) {
        if (events.size() != records.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + records.size() + " records");
        }
        exchange.getMessage().setBody(new ArrayList<>(events));
        exchange.setProperty(RECORDS, new ArrayList<>(records));
    }

    /** Takes event {@code index} out of the batch, to be dead-lettered with its record because of {@code why}. */
    @SuppressWarnings("unchecked")
    public static void refuse(Exchange exchange, int index, InvalidEventException why) {
        Exchange record = records(exchange).remove(index);
        events(exchange).remove(index);
        List<Map.Entry<Exchange, InvalidEventException>> refused = exchange.getProperty(REFUSED, List.class);
        if (refused == null) {
            refused = new ArrayList<>();
            exchange.setProperty(REFUSED, refused);
        }
        refused.add(Map.entry(record, why));
    }

    /** The refused records with why, taken off the exchange. */
    @SuppressWarnings("unchecked")
    public static List<Map.Entry<Exchange, InvalidEventException>> takeRefused(Exchange exchange) {
        List<Map.Entry<Exchange, InvalidEventException>> refused = exchange.getProperty(REFUSED, List.class);
        exchange.removeProperty(REFUSED);
        return refused == null ? List.of() : refused;
    }
}
