package io.edarouter.store.camel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.edarouter.event.CloudEvents;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import io.edarouter.event.InvalidEventException;
import io.edarouter.store.AppendResult;
import io.edarouter.store.EventStore;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.StreamEvents;
import io.edarouter.store.StreamNames;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Appends the body to a stream, or reads from the store into the body (see {@link EventStoreOperation}).
 *
 * <p>The stream of an append is, in order: the {@link EventStoreConstants#STREAM} header; the URI path unless
 * it is {@code $all}; the event's {@code subject}; the {@code streamExpression}. A list body is appended in one
 * transaction, also when its events go to different streams.
 */
public class EventStoreProducer extends DefaultProducer {

    private final EventStoreConfiguration configuration;
    private EventStore store;
    private EventCodec codec;
    private StreamResolver streamResolver;


    public EventStoreProducer(EventStoreEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    public EventStoreEndpoint getEndpoint() {
        return (EventStoreEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        store = getEndpoint().getComponent().getEventStore();
        codec = getEndpoint().getComponent().codec();
        streamResolver = new StreamResolver(getEndpoint().getCamelContext(), configuration.getStreamExpression());

    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String operation = message.getHeader(EventStoreConstants.OPERATION, String.class);
        EventStoreOperation op = operation == null ? configuration.getOperation() : EventStoreOperation.valueOf(operation);
        switch (op) {
            case append -> append(exchange);
            case readStream -> message.setBody(store.readStream(readTarget(message),
                    fromVersion(message), limit(message), direction(message)));
            case readAll -> message.setBody(store.readAll(fromPosition(message), limit(message)));
            case readCategory -> message.setBody(store.readCategory(
                    header(message, EventStoreConstants.CATEGORY, StreamNames.CATEGORY_PREFIX),
                    fromPosition(message), limit(message)));
            case readEventType -> message.setBody(store.readEventType(
                    header(message, EventStoreConstants.EVENT_TYPE, StreamNames.EVENT_TYPE_PREFIX),
                    fromPosition(message), limit(message)));
            default -> throw new IllegalArgumentException("unknown eventstore operation " + op);
        }
    }

    // ---------------------------------------------------------------- append

    private void append(Exchange exchange) {
        Message message = exchange.getMessage();
        List<Event> events = events(message);
        ExpectedVersion expected = expectedVersion(message);
        String stream = fixedStream(message);
        if (stream != null) {
            setHeaders(message, store.append(stream, expected, events), null);
            return;
        }
        List<String> streams = new ArrayList<>(events.size());
        for (Event event : events) {
            streams.add(streamResolver.streamOf(exchange, event));
        }
        if (streams.stream().distinct().count() > 1 && expected.mode() != ExpectedVersion.Mode.ANY) {
            throw new IllegalArgumentException("expected version " + expected + " needs one stream, but the events go to "
                    + streams.stream().distinct().toList());
        }
        List<StreamEvents> batch = StreamEvents.runs(streams, events, expected);
        List<AppendResult> results = store.appendAll(batch);
        AppendResult last = results.get(results.size() - 1);
        long lastPosition = -1;
        boolean duplicate = true;
        for (AppendResult result : results) {
            lastPosition = Math.max(lastPosition, result.lastGlobalPosition());
            duplicate &= result.duplicate();
        }
        setHeaders(message, last, lastPosition);
        message.setHeader(EventStoreConstants.DUPLICATE, duplicate);
    }

    private static void setHeaders(Message message, AppendResult result, Long lastPosition) {
        message.setHeader(EventStoreConstants.STREAM, result.stream());
        message.setHeader(EventStoreConstants.STREAM_VERSION, result.lastStreamVersion());
        message.setHeader(EventStoreConstants.GLOBAL_POSITION,
                lastPosition == null ? result.lastGlobalPosition() : lastPosition);
        message.setHeader(EventStoreConstants.DUPLICATE, result.duplicate());
    }

    /** The stream named by the header or the path, or null when each event's own stream is wanted. */
    private String fixedStream(Message message) {
        String header = message.getHeader(EventStoreConstants.STREAM, String.class);
        if (header != null) {
            return header;
        }
        return StreamNames.ALL.equals(configuration.getStream()) ? null : configuration.getStream();
    }

    private List<Event> events(Message message) {
        Object body = message.getBody();
        if (body instanceof Collection<?> items) {
            if (items.isEmpty()) {
                throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty list: no event to append");
            }
            List<Event> events = new ArrayList<>(items.size());
            for (Object item : items) {
                events.add(event(message, item));
            }
            return events;
        }
        return List.of(event(message, body));
    }

    private Event event(Message message, Object item) {
        if (item instanceof Event event) {
            return event;
        }
        if (item instanceof byte[] bytes) {
            return codec.decode(bytes, CloudEvents.binaryHeaders(message));
        }
        if (item instanceof String text) {
            return codec.decode(text.getBytes(StandardCharsets.UTF_8), CloudEvents.binaryHeaders(message));
        }
        if (item == null) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "empty body: expected a JSON event");
        }
        Event converted = message.getExchange().getContext().getTypeConverter()
                .tryConvertTo(Event.class, message.getExchange(), item);
        if (converted != null) {
            return converted;
        }
        byte[] bytes = message.getExchange().getContext().getTypeConverter()
                .tryConvertTo(byte[].class, message.getExchange(), item);
        if (bytes == null) {
            throw new InvalidEventException(InvalidEventException.STAGE_DECODE, "body of type "
                    + item.getClass().getName() + " is not an event");
        }
        return codec.decode(bytes, CloudEvents.binaryHeaders(message));
    }

    private ExpectedVersion expectedVersion(Message message) {
        Object header = message.getHeader(EventStoreConstants.EXPECTED_VERSION);
        if (header instanceof ExpectedVersion expected) {
            return expected;
        }
        return ExpectedVersion.parse(header != null ? header.toString() : configuration.getExpectedVersion());
    }

    // ---------------------------------------------------------------- reads

    private String readTarget(Message message) {
        String header = message.getHeader(EventStoreConstants.STREAM, String.class);
        return header != null ? header : StreamNames.checkStream(configuration.getStream());
    }

    /** A header's value, else the path without its selector prefix ({@code $ce-}, {@code $et-}). */
    private String header(Message message, String name, String pathPrefix) {
        String header = message.getHeader(name, String.class);
        if (header != null) {
            return header;
        }
        String path = configuration.getStream();
        if (!path.startsWith(pathPrefix)) {
            throw new IllegalArgumentException("set header " + name + " or use the path " + pathPrefix + "NAME, was '"
                    + path + "'");
        }
        return path.substring(pathPrefix.length());
    }

    private long fromVersion(Message message) {
        Long header = message.getHeader(EventStoreConstants.FROM_VERSION, Long.class);
        return header != null ? header : configuration.getFromVersion();
    }

    private long fromPosition(Message message) {
        Long header = message.getHeader(EventStoreConstants.FROM_POSITION, Long.class);
        return header != null ? header : configuration.getFromPosition();
    }

    private int limit(Message message) {
        Integer header = message.getHeader(EventStoreConstants.LIMIT, Integer.class);
        return header != null ? header : configuration.getLimit();
    }

    private ReadDirection direction(Message message) {
        String header = message.getHeader(EventStoreConstants.DIRECTION, String.class);
        return ReadDirection.parse(header != null ? header : configuration.getDirection());
    }
}
