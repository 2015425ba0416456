package io.edarouter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The one retry model of subscriptions: exponential backoff, bounded, with jitter for store-driven subscribers. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofMillis(3_000));
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void delaysDoubleFromTheInitialDelayUpToTheMaximum() {
        assertThat(backoff.delayMillis(1)).isEqualTo(200);
        assertThat(backoff.delayMillis(2)).isEqualTo(400);
        assertThat(backoff.delayMillis(3)).isEqualTo(800);
        assertThat(backoff.delayMillis(5)).isEqualTo(3_000);
        assertThat(backoff.delayMillis(60)).isEqualTo(3_000);
    }

    @Test
    void jitteredDelayStaysBetweenHalfTheDelayAndTheDelayAndVaries() {
        for (int failures = 1; failures <= 10; failures++) {
            long base = backoff.delayMillis(failures);
            long[] seen = new long[200];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = backoff.jitteredDelay(failures, random).toMillis();
                assertThat(seen[i]).isBetween(base / 2, base);
            }
            assertThat(Arrays.stream(seen).distinct().count()).as("jitter after " + failures + " failures")
                    .isGreaterThan(10);
        }
    }

    @Test
    void jitteredDelaysGrowOnAverage() {
        double previous = 0;
        for (int failures = 1; failures <= 5; failures++) {
            double sum = 0;
            for (int i = 0; i < 500; i++) {
                sum += backoff.jitteredDelay(failures, random).toMillis();
            }
            assertThat(sum / 500).isGreaterThan(previous);
            previous = sum / 500;
        }
    }

    @Test
    void refusesAMaximumDelayBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxDelay");
    }
}
