package io.edarouter.store;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying again, after {@code n} failures in a row: {@code initialDelay * 2^(n-1)}, at most
 * {@code maxDelay}. The one retry model of subscriptions: a catch-up subscription waits so long before handing a
 * failed event to its handler again, and a store-driven subscriber before its next attempt, there with jitter
 * ({@link #jitteredDelay}) so that subscribers failing together do not retry in lockstep.
 *
 * @param initialDelay the wait after the first failure
 * @param maxDelay     bound of every wait; at least {@code initialDelay}
 */
public record Backoff(Duration initialDelay, Duration maxDelay) {

    public static final long DEFAULT_INITIAL_DELAY_MILLIS = 200;
    public static final long DEFAULT_MAX_DELAY_MILLIS = 30_000;

    public Backoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay.toMillis() + " ms) is below initialDelay ("
                    + initialDelay.toMillis() + " ms)");
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(DEFAULT_INITIAL_DELAY_MILLIS), Duration.ofMillis(DEFAULT_MAX_DELAY_MILLIS));
    }

    /** The wait after {@code failures} (1 or more) failures in a row, in milliseconds. */
    public long delayMillis(int failures) {
        long max = maxDelay.toMillis();
        long delay = initialDelay.toMillis();
        for (int i = 1; i < failures && delay < max; i++) {
            delay *= 2;
        }
        return Math.min(delay, max);
    }

    /**
     * The wait after {@code failures} failures drawn at random in {@code [delay/2, delay]} ("equal jitter"): it still
     * grows and never exceeds {@code maxDelay}.
     */
    public Duration jitteredDelay(int failures, RandomGenerator random) {
        long base = delayMillis(failures);
        long half = base / 2;
        return Duration.ofMillis(half + (base - half == 0 ? 0 : random.nextLong(base - half + 1)));
    }
}
