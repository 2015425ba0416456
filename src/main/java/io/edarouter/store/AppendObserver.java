package io.edarouter.store;

/** Told of every committed append transaction: how many events, how long (for metrics). */
@FunctionalInterface
public interface AppendObserver {

    AppendObserver NONE = (events, nanos) -> { };

    void appended(int events, long nanos);
}
