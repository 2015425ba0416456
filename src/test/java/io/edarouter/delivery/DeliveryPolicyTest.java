package io.edarouter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, bounded by attempts and event age. */
class DeliveryPolicyTest {

    private final DeliveryPolicy policy = new DeliveryPolicy(8, Duration.ofMillis(200), Duration.ofMillis(3_000),
            Duration.ofMinutes(10));
    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void delaysDoubleFromTheInitialDelayUpToTheMaximum() {
        assertThat(policy.baseDelayMillis(1)).isEqualTo(200);
        assertThat(policy.baseDelayMillis(2)).isEqualTo(400);
        assertThat(policy.baseDelayMillis(3)).isEqualTo(800);
        assertThat(policy.baseDelayMillis(5)).isEqualTo(3_000);
        assertThat(policy.baseDelayMillis(60)).isEqualTo(3_000);
    }

    @Test
    void jitteredDelayStaysBetweenHalfTheBaseAndTheBaseAndVaries() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            long base = policy.baseDelayMillis(attempt);
            long[] seen = new long[200];
            for (int i = 0; i < seen.length; i++) {
                seen[i] = policy.delayAfter(attempt, random).toMillis();
                assertThat(seen[i]).isBetween(base / 2, base);
            }
            assertThat(java.util.Arrays.stream(seen).distinct().count()).as("jitter at attempt " + attempt)
                    .isGreaterThan(10);
        }
    }

    @Test
    void jitteredDelaysGrowOnAverage() {
        double previous = 0;
        for (int attempt = 1; attempt <= 5; attempt++) {
            double sum = 0;
            for (int i = 0; i < 500; i++) {
                sum += policy.delayAfter(attempt, random).toMillis();
            }
            assertThat(sum / 500).isGreaterThan(previous);
            previous = sum / 500;
        }
    }

    @Test
    void givesUpAtTheMaximumAttemptCount() {
        Instant now = Instant.now();
        assertThat(policy.giveUpReason(7, now, now)).isNull();
        assertThat(policy.giveUpReason(8, now, now)).contains("8 attempts");
    }

    @Test
    void givesUpOnAnEventOlderThanTheMaximumAgeWhateverTheAttempts() {
        Instant now = Instant.now();
        assertThat(policy.giveUpReason(1, now.minus(Duration.ofMinutes(9)), now)).isNull();
        assertThat(policy.giveUpReason(1, now.minus(Duration.ofMinutes(11)), now)).contains("maxEventAge");
    }

    @Test
    void zeroMaximumAgeMeansNoAgeLimit() {
        DeliveryPolicy noAge = new DeliveryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO);
        Instant now = Instant.now();
        assertThat(noAge.giveUpReason(1, now.minus(Duration.ofDays(365)), now)).isNull();
    }

    @Test
    void refusesAMaximumDelayBelowTheInitialDelayAndZeroAttempts() {
        assertThatThrownBy(() -> new DeliveryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> new DeliveryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
    }
}
