package io.edarouter.store;

import java.util.List;

/**
 * The outcome of appending events to one stream: the positions of every event, in the order given,
 * the original ones for events that were already stored.
 */
public record AppendResult(String stream, List<Appended> events) {

    /**
     * Where one event is stored.
     *
     * @param duplicate true when the event was already stored (an idempotent retry): the positions are
     *                  the original ones and nothing was written
     */
    public record Appended(String eventId, long streamVersion, long globalPosition, boolean duplicate) {
    }

    public AppendResult {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append result has at least one event");
        }
    }

    /** The stream's version after the append (the highest version of the events). */
    public long lastStreamVersion() {
        return events.stream().mapToLong(Appended::streamVersion).max().orElseThrow();
    }

    /** The highest global position of the events. */
    public long lastGlobalPosition() {
        return events.stream().mapToLong(Appended::globalPosition).max().orElseThrow();
    }

    /** True when every event was already stored, so the append wrote nothing. */
    public boolean duplicate() {
        return events.stream().allMatch(Appended::duplicate);
    }
}
