package io.edarouter.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * How a store-driven subscriber retries an event before giving up on it: exponential backoff with jitter,
 * bounded by a maximum attempt count and a maximum event age; then the event is dead-lettered.
 *
 * <p>Retry {@code n} (after the {@code n}-th failed attempt) waits a random time in
 * {@code [base/2, base]} with {@code base = min(initialDelay * 2^(n-1), maxDelay)} ("equal jitter"): delays
 * grow, never exceed {@code maxDelay}, and subscribers failing together do not retry in lockstep.
 *
 * @param maxAttempts  attempts in all (the first delivery included) before the event is dead-lettered; at least 1
 * @param initialDelay base delay before the first retry
 * @param maxDelay     bound of every delay
 * @param maxEventAge  an event older than this is dead-lettered after its next failed attempt, whatever the attempt
 *                     count; zero means no age limit
 */
public record DeliveryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxEventAge) {

    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final long DEFAULT_INITIAL_DELAY_MILLIS = 200;
    public static final long DEFAULT_MAX_DELAY_MILLIS = 30_000;
    public static final long DEFAULT_MAX_EVENT_AGE_MILLIS = 0;

    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxEventAge.isNegative()) {
            throw new IllegalArgumentException("delays and the event age must not be negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay.toMillis() + " ms) is below initialDelay ("
                    + initialDelay.toMillis() + " ms)");
        }
    }

    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(DEFAULT_INITIAL_DELAY_MILLIS),
                Duration.ofMillis(DEFAULT_MAX_DELAY_MILLIS), Duration.ofMillis(DEFAULT_MAX_EVENT_AGE_MILLIS));
    }

    /** The delay before the next attempt, after {@code failedAttempts} (1 or more) failed ones. */
    public Duration delayAfter(int failedAttempts, RandomGenerator random) {
        long base = baseDelayMillis(failedAttempts);
        long half = base / 2;
        return Duration.ofMillis(half + (base - half == 0 ? 0 : random.nextLong(base - half + 1)));
    }

    /** The delay before jitter: {@code initialDelay * 2^(failedAttempts-1)}, at most {@code maxDelay}. */
    long baseDelayMillis(int failedAttempts) {
        long max = maxDelay.toMillis();
        long delay = initialDelay.toMillis();
        for (int i = 1; i < failedAttempts && delay < max; i++) {
            delay *= 2;
        }
        return Math.min(delay, max);
    }

    /**
     * Whether to give up after {@code failedAttempts} failed attempts of an event whose age counts from
     * {@code since}; the reason, or null to try again.
     */
    public String giveUpReason(int failedAttempts, Instant since, Instant now) {
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
