package io.edarouter.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a catch-up subscription runs.
 *
 * @param name          durable name: the checkpoint and the single-active-instance lock belong to it
 * @param filter        which events it receives
 * @param batchSize     events read per query while catching up
 * @param pollInterval  longest wait for new events before reading again (the live tail is woken
 *                      earlier by notifications where the database has them)
 * @param retryDelay    delay before the first redelivery of an event whose handler failed; it doubles
 *                      on each further failure up to {@code maxRetryDelay}
 * @param maxRetryDelay bound of the redelivery delay
 */
public record SubscriptionSettings(String name, SubscriptionFilter filter, int batchSize, Duration pollInterval,
        Duration retryDelay, Duration maxRetryDelay) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(10);

    public SubscriptionSettings {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a subscription name is 1 to 200 characters, was '" + name + "'");
        }
        Objects.requireNonNull(filter, "filter");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
    }

    /** Settings with the defaults. */
    public static SubscriptionSettings of(String name, SubscriptionFilter filter) {
        return new SubscriptionSettings(name, filter, DEFAULT_BATCH_SIZE, DEFAULT_POLL_INTERVAL,
                DEFAULT_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY);
    }
}
