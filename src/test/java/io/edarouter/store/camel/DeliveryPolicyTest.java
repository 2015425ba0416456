package io.edarouter.store.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import io.edarouter.store.Backoff;
import org.junit.jupiter.api.Test;

/** A subscriber gives up on an event after its attempts or once it is too old (the delays: {@code BackoffTest}). */
class DeliveryPolicyTest {

    private final DeliveryPolicy policy = new DeliveryPolicy(8, Backoff.defaults(), Duration.ofMinutes(10));

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
        DeliveryPolicy noAge = new DeliveryPolicy(3, Backoff.defaults(), Duration.ZERO);
        Instant now = Instant.now();
        assertThat(noAge.giveUpReason(1, now.minus(Duration.ofDays(365)), now)).isNull();
    }

    @Test
    void refusesZeroAttempts() {
        assertThatThrownBy(() -> new DeliveryPolicy(0, Backoff.defaults(), Duration.ZERO))
                .hasMessageContaining("maxAttempts");
    }
}
