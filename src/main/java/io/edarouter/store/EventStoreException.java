package io.edarouter.store;

/** The store could not do what was asked for a reason outside the caller's input (database down, ...). */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
