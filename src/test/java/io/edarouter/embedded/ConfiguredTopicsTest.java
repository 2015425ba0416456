package io.edarouter.embedded;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfiguredTopicsTest {

    @Test
    void theTopicOfAKafkaEndpointUriIsTheBrokersToCreate() {
        assertThat(ConfiguredTopics.kafkaTopic("kafka:orders")).hasValue("orders");
        assertThat(ConfiguredTopics.kafkaTopic("kafka://orders?acks=all")).hasValue("orders");
        assertThat(ConfiguredTopics.kafkaTopic("pulsar:persistent://public/default/orders")).isEmpty();
        assertThat(ConfiguredTopics.kafkaTopic("direct:ingest")).isEmpty();
    }

    @Test
    void configuredTopicsAreTheInputDeadLetterTopicKeysAndTheIngestTopic() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent pc = context.getPropertiesComponent();
            pc.addInitialProperty("eda.input.topic", "orders");
            pc.addInitialProperty("eda.dead-letter.topic", "orders-dlq");
            pc.addInitialProperty("eda.topic.shipping", "shipping");
            pc.addInitialProperty("eda.topic.audit", "{{eda.input.topic}}-audit");
            pc.addInitialProperty("eda.ingest.uri", "kafka:http-orders?lingerMs=5");

            // eda.topic.fraud-review and eda.topic.inventory: the library's defaults
            assertThat(ConfiguredTopics.topics(pc)).containsExactly("orders", "orders-dlq", "orders-audit",
                    "fraud-review", "inventory-events", "shipping", "http-orders");
        }
    }
}
