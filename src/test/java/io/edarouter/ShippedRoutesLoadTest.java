package io.edarouter;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML routes under {@code routes/} load in camel-main with the jar's defaults: both instances of
 * the pipeline template, the dead-letter configuration, and the HTTP API. Nothing is started, so no
 * broker is needed.
 */
@CamelMainTest(
        propertyPlaceholderLocations = Application.DEFAULTS_LOCATION,
        properties = {
                "camel.main.auto-startup=false",
                "camel.server.enabled=false",
                "camel.management.enabled=false",
                "camel.component.eventstore.url=jdbc:h2:mem:shipped-routes;DB_CLOSE_DELAY=-1",
                "eda.pulsar.enabled=true"
        })
class ShippedRoutesLoadTest {

    @BeanInject
    CamelContext context;

    @Test
    void pipelineInstancesForBothBrokersAndTheHttpApiAreDefined() {
        assertThat(context.getRoutes()).extracting(route -> route.getRouteId())
                .contains("order-events-from-kafka", "order-events-from-pulsar", "http-ingest", "http-read-stream");
    }

    @Test
    void pipelineRoutesUseTheDeadLetterConfiguration() {
        assertThat(context.getRoute("order-events-from-kafka").getConfigurationId()).isEqualTo("dead-letter");
    }
}
