package io.edarouter.http;

import java.util.List;

import io.edarouter.store.EventStore;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /streams/{stream}?from=&limit=&direction=}: a JSON array of stored events, each the envelope with
 * {@code stream}, {@code streamVersion} and {@code globalPosition} added. {@code $all} reads the global order,
 * {@code $ce-CATEGORY} a category and {@code $et-TYPE} an event type; for those {@code from} is a global position,
 * for a stream a stream version. Forward (the default) reads from {@code from} (default 0) up; backward reads from
 * {@code from} down, newest first, and without {@code from} starts at the newest. {@code limit} is 1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. A stream with no events is an empty array; a name the store
 * cannot hold (blank, too long, an unknown {@code $} name) is 404.
 */
final class ReadStreamProcessor implements Processor {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final List<String> PARAMETERS = List.of("from", "limit", "direction");

    private final EventStoreComponent eventStore;

    ReadStreamProcessor(EventStoreComponent eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String stream = exchange.getMessage().getHeader("stream", String.class);
        QueryParameters parameters = QueryParameters.of(exchange, PARAMETERS);
        ReadDirection direction = direction(parameters);
        int limit = (int) parameters.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        // -1: the store's "from the newest" for a backward read
        long from = parameters.number("from", direction == ReadDirection.FORWARD ? 0 : -1, 0, Long.MAX_VALUE);
        SubscriptionFilter selected;
        try {
            selected = SubscriptionFilter.parse(stream);
        } catch (IllegalArgumentException e) {
            String why = stream.startsWith("$") ? "the names starting with $ are $all, $ce-CATEGORY and $et-TYPE"
                    : e.getMessage();
            throw new HttpError(404, HttpError.NOT_FOUND, "no stream '" + stream + "': " + why);
        }
        EventStore store = eventStore.getEventStore();
        List<RecordedEvent> events = switch (selected.kind()) {
            case ALL -> store.readAll(from, limit, direction);
            case CATEGORY -> store.readCategory(selected.value(), from, limit, direction);
            case EVENT_TYPE -> store.readEventType(selected.value(), from, limit, direction);
            case STREAM -> store.readStream(selected.value(), from, limit, direction);
        };
        JsonResponse.send(exchange, 200, toJsonArray(exchange, events));
    }

    private static ReadDirection direction(QueryParameters parameters) {
        if (!parameters.has("direction")) {
            return ReadDirection.FORWARD;
        }
        String text = parameters.text("direction").orElse("");
        try {
            return ReadDirection.parse(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidParameter("parameter 'direction' is forward or backward, was '" + text + "'");
        }
    }

    private static byte[] toJsonArray(Exchange exchange, List<RecordedEvent> events) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, events.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }
}
