package io.edarouter.http;

import java.util.List;

import io.edarouter.routing.EventPattern;
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
 *
 * <p>A search: {@code pattern} (an EventBridge event pattern, matched against each event's envelope as dispatch
 * matches it) reads at most {@code scan} events (1 to {@value #MAX_SCAN}, default {@value #DEFAULT_SCAN}) from
 * {@code from} in the direction asked, and answers an object: {@code events} (at most {@code limit} matches, in the
 * order read), {@code scanned}, {@code next} (the {@code from} that continues the search the same way; null once a
 * backward search passed the oldest event) and {@code end} (whether the scan reached the newest event, forward, or
 * the oldest, backward).
 */
final class ReadStreamProcessor implements Processor {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_SCAN = 10_000;
    static final int MAX_SCAN = 100_000;
    private static final int PAGE = 1000;
    private static final List<String> PARAMETERS = List.of("from", "limit", "direction", "pattern", "scan");

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
        if (parameters.has("pattern")) {
            EventPattern pattern = pattern(parameters.text("pattern").orElse(""));
            int scan = (int) parameters.number("scan", DEFAULT_SCAN, 1, MAX_SCAN);
            search(exchange, store, selected, pattern, from, direction, limit, scan);
            return;
        }
        if (parameters.has("scan")) {
            throw HttpError.invalidParameter("parameter 'scan' goes with 'pattern'");
        }
        JsonResponse.send(exchange, 200, toJsonArray(exchange, read(store, selected, from, limit, direction)));
    }

    static EventPattern pattern(String text) {
        try {
            return EventPattern.compile(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidParameter("parameter 'pattern': " + e.getMessage());
        }
    }

    private static List<RecordedEvent> read(EventStore store, SubscriptionFilter selected, long from, int limit,
            ReadDirection direction) {
        return switch (selected.kind()) {
            case ALL -> store.readAll(from, limit, direction);
            case CATEGORY -> store.readCategory(selected.value(), from, limit, direction);
            case EVENT_TYPE -> store.readEventType(selected.value(), from, limit, direction);
            case STREAM -> store.readStream(selected.value(), from, limit, direction);
        };
    }

    private static void search(Exchange exchange, EventStore store, SubscriptionFilter selected, EventPattern pattern,
            long from, ReadDirection direction, int limit, int scan) {
        boolean forward = direction == ReadDirection.FORWARD;
        List<RecordedEvent> matches = new java.util.ArrayList<>();
        int scanned = 0;
        long next = from;
        boolean end = false;
        while (scanned < scan && matches.size() < limit) {
            int wanted = Math.min(PAGE, scan - scanned);
            List<RecordedEvent> page = read(store, selected, next, wanted, direction);
            for (RecordedEvent event : page) {
                scanned++;
                long position = selected.kind() == SubscriptionFilter.Kind.STREAM ? event.streamVersion() : event.globalPosition();
                next = forward ? position + 1 : position - 1;
                if (pattern.matches(event.event().envelope()) && matches.add(event) && matches.size() == limit) {
                    break;
                }
            }
            if (page.size() < wanted && matches.size() < limit) {
                end = true;
                break;
            }
            if (!forward && next < 0) {
                end = true;
                break;
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("{\"events\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(toJsonArray(exchange, matches));
        String nextText = !forward && next < 0 ? "null" : Long.toString(forward ? Math.max(0, next) : next);
        out.writeBytes((",\"scanned\":" + scanned + ",\"next\":" + nextText + ",\"end\":" + end + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonResponse.send(exchange, 200, out.toByteArray());
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

    static byte[] toJsonArray(Exchange exchange, List<RecordedEvent> events) {
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
