package io.edarouter.http;

import java.util.List;

import io.edarouter.store.EventStore;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code GET /streams/{stream}}: a JSON array of stored events, each the envelope with {@code stream},
 * {@code streamVersion} and {@code globalPosition} added. {@code $all} reads the global order,
 * {@code $ce-CATEGORY} a category and {@code $et-TYPE} an event type; {@code from} is a stream version
 * (or a global position for those three), {@code limit} at most {@value #MAX_LIMIT}, and
 * {@code direction=backward} reads one stream newest first.
 */
final class ReadStreamProcessor implements Processor {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String ALL = "$all";
    static final String CATEGORY_PREFIX = "$ce-";
    static final String EVENT_TYPE_PREFIX = "$et-";

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String stream = in.getHeader("stream", String.class);
        long from;
        int limit;
        ReadDirection direction;
        try {
            from = in.getHeader("from", 0L, Long.class);
            limit = in.getHeader("limit", DEFAULT_LIMIT, Integer.class);
            direction = "backward".equalsIgnoreCase(in.getHeader("direction", String.class))
                    ? ReadDirection.BACKWARD : ReadDirection.FORWARD;
        } catch (RuntimeException e) {
            badRequest(exchange, "from and limit must be whole numbers");
            return;
        }
        if (from < 0 || limit < 1 || limit > MAX_LIMIT) {
            badRequest(exchange, "from must be >= 0 and limit between 1 and " + MAX_LIMIT);
            return;
        }
        EventStore store = exchange.getContext().getComponent("eventstore", EventStoreComponent.class).getEventStore();
        List<RecordedEvent> events;
        if (ALL.equals(stream)) {
            events = store.readAll(from, limit);
        } else if (stream.startsWith(CATEGORY_PREFIX)) {
            events = store.readCategory(stream.substring(CATEGORY_PREFIX.length()), from, limit);
        } else if (stream.startsWith(EVENT_TYPE_PREFIX)) {
            events = store.readEventType(stream.substring(EVENT_TYPE_PREFIX.length()), from, limit);
        } else {
            if (direction == ReadDirection.BACKWARD && in.getHeader("from") == null) {
                from = Long.MAX_VALUE;
            }
            events = store.readStream(stream, from, limit, direction);
        }
        JsonResponse.send(exchange, 200, toJsonArray(exchange, events));
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

    private static void badRequest(Exchange exchange, String reason) {
        JsonResponse.send(exchange, 400, ("{\"reason\":\"" + reason + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
