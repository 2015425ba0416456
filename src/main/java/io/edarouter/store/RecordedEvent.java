package io.edarouter.store;

import java.time.Instant;
import java.util.Objects;

import io.edarouter.event.Event;

/**
 * An event as stored.
 *
 * @param event          the event as appended
 * @param stream         the stream it belongs to
 * @param streamVersion  its version in the stream, from 0, gapless
 * @param globalPosition its position over all streams, from 0, gapless, ascending in commit order
 * @param recordedAt     when the store wrote it
 */
public record RecordedEvent(Event event, String stream, long streamVersion, long globalPosition, Instant recordedAt) {

    public RecordedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
