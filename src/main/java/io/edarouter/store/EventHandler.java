package io.edarouter.store;

/** Receives the events of a subscription, one at a time, in global order. */
@FunctionalInterface
public interface EventHandler {

    /**
     * Handles one event. Returning normally advances the subscription's checkpoint past it; throwing
     * makes the subscription deliver the same event again after a delay.
     */
    void handle(RecordedEvent event) throws Exception;
}
