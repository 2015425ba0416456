package io.edarouter.store.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.edarouter.store.Backoff;

/**
 * How a store-driven subscriber retries an event before giving up on it: after each failed attempt it waits the
 * {@link Backoff}'s delay, with jitter ({@link Backoff#jitteredDelay}), bounded by a maximum attempt count and a
 * maximum event age; then the event is dead-lettered.
 *
 * @param maxAttempts attempts in all (the first delivery included) before the event is dead-lettered; at least 1
 * @param retry       the waits between attempts
 * @param maxEventAge an event older than this is dead-lettered after its next failed attempt, whatever the attempt
 *                    count; zero means no age limit
 */
record DeliveryPolicy(int maxAttempts, Backoff retry, Duration maxEventAge) {

    static final int DEFAULT_MAX_ATTEMPTS = 10;
    static final long DEFAULT_MAX_EVENT_AGE_MILLIS = 0;

    DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(retry, "retry");
        if (maxEventAge.isNegative()) {
            throw new IllegalArgumentException("maxEventAge must not be negative");
        }
    }

    /**
     * Whether to give up after {@code failedAttempts} failed attempts of an event whose age counts from
     * {@code since}; the reason, or null to try again.
     */
    String giveUpReason(int failedAttempts, Instant since, Instant now) {
        if (failedAttempts >= maxAttempts) {
            return "gave up after " + failedAttempts + " attempts (maxAttempts " + maxAttempts + ")";
        }
        if (!maxEventAge.isZero() && Duration.between(since, now).compareTo(maxEventAge) > 0) {
            return "gave up after " + failedAttempts + " attempts: event older than maxEventAge "
                    + maxEventAge.toMillis() + " ms";
        }
        return null;
    }
}
