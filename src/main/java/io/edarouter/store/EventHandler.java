package io.edarouter.store;

/** Receives the events of a subscription, one at a time, in global order. */
@FunctionalInterface
public interface EventHandler {

    /**
     * Handles one event. Returning normally advances the subscription's checkpoint past it; throwing
     * makes the subscription deliver the same event again after a delay.
     */
    void handle(RecordedEvent event) throws Exception;

    /**
     * For a handler that finishes events after {@link #handle} returned (retries in the background, per-stream
     * hold-back): the lowest global position handed to it and not finished yet, or {@link Long#MAX_VALUE} when
     * every event handed to it is finished. The subscription's checkpoint never passes it, so after a restart
     * the unfinished events are delivered again (and some finished later ones too: at-least-once).
     */
    default long lowestUnfinishedPosition() {
        return Long.MAX_VALUE;
    }
}
