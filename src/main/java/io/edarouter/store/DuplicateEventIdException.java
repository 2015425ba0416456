package io.edarouter.store;

/**
 * An append carried an eventId already stored in another stream. An eventId identifies one event, so
 * the store refuses it rather than guess which stream is right; nothing of the append was stored.
 * (The same eventId appended again to the same stream is an idempotent retry and is acknowledged.)
 */
public class DuplicateEventIdException extends RuntimeException {

    private final String eventId;
    private final String storedStream;
    private final String requestedStream;

    public DuplicateEventIdException(String eventId, String storedStream, String requestedStream) {
        super("eventId '" + eventId + "' is already stored in stream '" + storedStream
                + "', cannot append it to stream '" + requestedStream + "'");
        this.eventId = eventId;
        this.storedStream = storedStream;
        this.requestedStream = requestedStream;
    }

    public String getEventId() {
        return eventId;
    }

    public String getStoredStream() {
        return storedStream;
    }

    public String getRequestedStream() {
        return requestedStream;
    }
}
