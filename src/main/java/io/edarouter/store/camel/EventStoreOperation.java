package io.edarouter.store.camel;

/** What an {@code eventstore:} producer does with an exchange. */
public enum EventStoreOperation {
    /** Appends the body (an event, a list of events, or JSON bytes/text) to a stream. */
    append,
    /** Reads one stream forward or backward from a version; the body becomes a {@code List<RecordedEvent>}. */
    readStream,
    /** Reads all streams in global order from a position. */
    readAll,
    /** Reads the streams of a category from a global position. */
    readCategory,
    /** Reads the events of one type from a global position. */
    readEventType
}
