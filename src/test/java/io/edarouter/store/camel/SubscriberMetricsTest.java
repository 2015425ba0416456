package io.edarouter.store.camel;

import java.time.Instant;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.observe.EdaMeters;
import io.edarouter.store.EventFixtures;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.testsupport.CamelStoreContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A store-driven subscriber's failed attempts and lag reach the Micrometer registry of the context. */
class SubscriberMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onH2()
            .beforeStart(context -> context.getRegistry().bind("meters", meters));

    @Test
    void failedAttemptsAreCountedAndLagFallsToZeroOnceTheEventIsDeadLettered() throws Exception {
        camel.store().append("order-1", ExpectedVersion.any(),
                List.of(EventFixtures.event("e-1", "OrderCreated", Instant.now().toString(), "test", "{}")));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventstore:$all?subscription=flaky&pollInterval=20&maxAttempts=3&initialDelay=10&maxDelay=20")
                        .throwException(new IllegalStateException("subscriber down"));
            }
        });

        await().untilAsserted(() -> {
            assertThat(meters.counter(EdaMeters.SUBSCRIBER_FAILED_ATTEMPTS, "subscription", "flaky").count()).isEqualTo(3);
            assertThat(meters.get(EdaMeters.SUBSCRIPTION_LAG).tag("subscription", "flaky").gauge().value()).isZero();
        });
    }
}
