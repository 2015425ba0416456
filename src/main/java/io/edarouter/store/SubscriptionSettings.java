package io.edarouter.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a catch-up subscription runs.
 *
 * @param name         durable name: the checkpoint and the single-active-instance lock belong to it
 * @param filter       which events it receives
 * @param batchSize    events read per query while catching up
 * @param pollInterval longest wait for new events before reading again (the live tail is woken earlier by
 *                     notifications where the database has them)
 * @param retry        the waits before an event whose handler failed is handed over again, and before an instance
 *                     whose database work failed tries again ({@link Backoff#initialDelay()})
 */
public record SubscriptionSettings(String name, SubscriptionFilter filter, int batchSize, Duration pollInterval,
        Backoff retry) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final long DEFAULT_POLL_INTERVAL_MILLIS = 100;

    public SubscriptionSettings {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a subscription name is 1 to 200 characters, was '" + name + "'");
        }
        Objects.requireNonNull(filter, "filter");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retry, "retry");
    }

    /** Settings with the defaults. */
    public static SubscriptionSettings of(String name, SubscriptionFilter filter) {
        return new SubscriptionSettings(name, filter, DEFAULT_BATCH_SIZE, Duration.ofMillis(DEFAULT_POLL_INTERVAL_MILLIS),
                Backoff.defaults());
    }
}
