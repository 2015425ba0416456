package io.edarouter.store.camel;

import static io.edarouter.store.EventFixtures.load;
import static io.edarouter.store.EventFixtures.many;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.RecordedEvent;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Subscriptions through {@code from("eventstore:...?subscription=...")}, on an in-memory H2 store. */
class EventStoreConsumerTest {

    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onH2();

    @Test
    void consumedExchangeCarriesTheRecordedEventAndItsPositionHeaders() throws Exception {
        camel.store().append("order-12345", ExpectedVersion.any(), List.of(load("order-created")));
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventstore:$all?subscription=billing&pollInterval=20").routeId("billing").to("mock:billing");
            }
        });
        camel.store().append("order-12345", ExpectedVersion.any(), List.of(load("order-paid")));

        MockEndpoint billing = camel.context().getEndpoint("mock:billing", MockEndpoint.class);
        await().until(() -> billing.getReceivedCounter() == 2);
        Exchange second = billing.getReceivedExchanges().get(1);
        assertThat(second.getMessage().getBody(RecordedEvent.class).event()).isEqualTo(load("order-paid"));
        assertThat(second.getMessage().getHeaders())
                .containsEntry(EventStoreConstants.STREAM, "order-12345")
                .containsEntry(EventStoreConstants.STREAM_VERSION, 1L)
                .containsEntry(EventStoreConstants.GLOBAL_POSITION, 1L)
                .containsEntry(EventStoreConstants.EVENT_ID, "7d3c4a9e-0000-4000-8000-000000000002")
                .containsEntry(EventStoreConstants.EVENT_TYPE, "OrderPaid")
                .containsEntry(EventStoreConstants.SUBSCRIPTION, "billing");
    }

    @Test
    void failedExchangeIsDeliveredAgainAndTheCheckpointWaitsForIt() throws Exception {
        camel.store().append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));
        AtomicInteger failures = new AtomicInteger();
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventstore:order-1?subscription=flaky&ordered=true&initialDelay=10&maxDelay=20").routeId("flaky")
                        .process(exchange -> {
                            long position = exchange.getMessage().getHeader(EventStoreConstants.GLOBAL_POSITION, Long.class);
                            if (position == 1 && failures.incrementAndGet() <= 2) {
                                throw new IllegalStateException("downstream unavailable");
                            }
                        })
                        .to("mock:flaky");
            }
        });

        MockEndpoint flaky = camel.context().getEndpoint("mock:flaky", MockEndpoint.class);
        await().until(() -> flaky.getReceivedCounter() == 3);
        assertThat(flaky.getReceivedExchanges()).extracting(
                e -> e.getMessage().getHeader(EventStoreConstants.GLOBAL_POSITION)).containsExactly(0L, 1L, 2L);
        assertThat(failures).hasValue(3);
        await().until(() -> camel.store().subscriptions().get(0).position() == 3);
    }

    @Test
    void consumerWithoutASubscriptionNameIsRefused() {
        assertThatThrownBy(() -> camel.context().getEndpoint("eventstore:$all").createConsumer(exchange -> { }))
                .hasMessageContaining("subscription=NAME");
    }

    @Test
    void componentConfigurationIsEveryEndpointsDefaultAndTheUriOverridesIt() {
        EventStoreComponent component = camel.context().getComponent("eventstore", EventStoreComponent.class);
        // as camel-main binds camel.component.eventstore.configuration.max-attempts=3
        org.apache.camel.support.PropertyBindingSupport.build().withReflection(true)
                .bind(camel.context(), component, "configuration.max-attempts", "3");
        component.getConfiguration().setDeadLetterUri("direct:dead");

        EventStoreConfiguration billing = ((EventStoreEndpoint) camel.context().getEndpoint(
                "eventstore:$all?subscription=billing")).getConfiguration();
        EventStoreConfiguration audit = ((EventStoreEndpoint) camel.context().getEndpoint(
                "eventstore:$ce-order?subscription=audit&maxAttempts=5")).getConfiguration();

        assertThat(billing.deliveryPolicy().maxAttempts()).isEqualTo(3);
        assertThat(billing.getDeadLetterUri()).isEqualTo("direct:dead");
        assertThat(audit.deliveryPolicy().maxAttempts()).isEqualTo(5);
        assertThat(audit.getStream()).isEqualTo("$ce-order");
        assertThat(billing.getStream()).isEqualTo("$all");
    }
}
