package io.edarouter.store;

import java.util.ArrayList;
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

    /**
     * Events bound for several streams ({@code streams.get(i)} is the stream of {@code events.get(i)}) as
     * runs of consecutive events of one stream, so the store's global order is the order given.
     */
    public static List<StreamEvents> runs(List<String> streams, List<Event> events, ExpectedVersion expected) {
        if (streams.size() != events.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + streams.size() + " streams");
        }
        List<StreamEvents> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= events.size(); i++) {
            if (i == events.size() || !streams.get(i).equals(streams.get(start))) {
                runs.add(new StreamEvents(streams.get(start), expected, events.subList(start, i)));
                start = i;
            }
        }
        return runs;
    }

    /** Events for a stream, whatever its version. */
    public static StreamEvents of(String stream, List<Event> events) {
        return new StreamEvents(stream, ExpectedVersion.any(), events);
    }
}
