package io.edarouter;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML routes under {@code routes/} load in camel-main with the jar's defaults: the Kafka instance
 * of the pipeline template with the dead-letter configuration, and the HTTP API; the Pulsar instance
 * only when switched on. Nothing is started, so no broker is needed.
 */
@CamelMainTest(
        propertyPlaceholderLocations = Application.DEFAULTS_LOCATION,
        properties = {
                "camel.main.auto-startup=false",
                "camel.server.enabled=false",
                "camel.management.enabled=false",
                "camel.component.eventstore.url=jdbc:h2:mem:shipped-routes;DB_CLOSE_DELAY=-1",
                // Kafka clients connect lazily; Pulsar producers connect when their endpoint starts, which
                // even a route that is not started does, so PulsarPipelineIT covers the Pulsar instance
                "camel.component.kafka.brokers=127.0.0.1:1",
                // no broker to create the subscribers' topics on
                "eda.kafka.create-topics=false"
        })
class ShippedRoutesLoadTest {

    @BeanInject
    CamelContext context;

    @Test
    void kafkaPipelineAndTheHttpApiAreDefinedAndPulsarIsOffByDefault() {
        assertThat(context.getRoutes()).extracting(route -> route.getRouteId())
                .contains("order-events-from-kafka", "http-ingest", "http-read-stream")
                .doesNotContain("order-events-from-pulsar");
    }

    @Test
    void pipelineRoutesUseTheDeadLetterConfiguration() {
        assertThat(context.getRoute("order-events-from-kafka").getConfigurationId()).isEqualTo("dead-letter");
    }
}
