package io.edarouter.store;

import java.util.List;
import java.util.Objects;

import io.edarouter.event.Event;

/** Events to append to one stream, as an entry of {@link EventStore#appendAll}. */
public record StreamEvents(String stream, ExpectedVersion expected, List<Event> events) {

    public StreamEvents {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(expected, "expected");
        events = List.copyOf(events);
    }

    /** Events for a stream, whatever its version. */
    public static StreamEvents of(String stream, List<Event> events) {
        return new StreamEvents(stream, ExpectedVersion.any(), events);
    }
}
