package io.edarouter.routing;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A route with an invalid pattern does not start, and the error names the route and what is wrong. */
class InvalidPatternFailsRouteStartTest {

    @Test
    void startFailsNamingTheRouteAndEventRulersReason() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThatThrownBy(() -> {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").routeId("fraud-rules")
                                .filter().language("event-pattern", "{\"data\": {\"amount\": [{\"numeric\": [\">\", \"many\"]}]}}")
                                .to("mock:fraud");
                    }
                });
                context.start();
            })
                    .isInstanceOf(FailedToCreateRouteException.class)
                    .hasMessageContaining("fraud-rules")
                    .hasMessageContaining("invalid event-pattern")
                    .hasMessageContaining("Value of > must be numeric");
        }
    }
}
