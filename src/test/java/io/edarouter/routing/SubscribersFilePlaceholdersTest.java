package io.edarouter.routing;

import java.nio.file.Files;
import java.nio.file.Path;

import io.edarouter.event.Event;
import io.edarouter.store.EventFixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A subscribers file is data: {@code {{key}}} is a placeholder wherever a user writes it (a pattern, a topic),
 * and every other run of braces, like the {@code }}} that closes two flow mappings, is YAML.
 */
class SubscribersFilePlaceholdersTest {

    @TempDir
    Path dir;

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private static Event order(double amount, String region) {
        return EventFixtures.event("e-" + amount, "OrderCreated", "2024-01-01T00:00:00Z", "order-service",
                "{\"orderId\": \"1\", \"amount\": " + amount + ", \"customer\": {\"region\": \"" + region + "\"}}");
    }

    private ProducerTemplate start(String yaml) throws Exception {
        Path file = dir.resolve("subscribers.yaml");
        Files.writeString(file, yaml);
        context.getPropertiesComponent().addInitialProperty("eda.rules.min-amount", "1000");
        context.getPropertiesComponent().addInitialProperty("eda.topic.audit", "audit");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("dispatch").to("eda-dispatch:" + file + "?topicPrefix=mock:");
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    private int received(String mock) {
        return context.getEndpoint("mock:" + mock, MockEndpoint.class).getReceivedCounter();
    }

    @Test
    void closingBracesOfFlowStylePatternsAreYamlNotPlaceholders() throws Exception {
        ProducerTemplate template = start("""
                subscribers:
                  - {name: large, pattern: {data: {amount: [{numeric: [">", 100]}]}}, topic: large}
                  - name: eu
                    pattern: {eventType: [OrderCreated], data: {customer: {region: [eu]}}}
                    topic: eu
                """);

        template.sendBody("direct:in", order(500, "eu"));
        template.sendBody("direct:in", order(50, "us"));

        assertThat(received("large")).isEqualTo(1);
        assertThat(received("eu")).isEqualTo(1);
    }

    @Test
    void aPlaceholderInAPatternOrATopicIsReplacedByItsProperty() throws Exception {
        ProducerTemplate template = start("""
                subscribers:
                  - name: fraud-review
                    pattern: {data: {amount: [{numeric: [">", {{eda.rules.min-amount}}]}]}}
                    topic: "{{eda.topic.audit}}"
                """);

        template.sendBody("direct:in", order(1500, "eu"));
        template.sendBody("direct:in", order(999, "eu"));

        assertThat(received("audit")).isEqualTo(1);
    }

    @Test
    void aMissingPropertyIsRefusedNamingFileLineSubscriberFieldAndTheFix() {
        String yaml = """
                subscribers:
                  - name: inventory
                    pattern: {eventType: [OrderCreated]}
                    topic: inventory
                  - name: fraud-review
                    topic: fraud-review
                    pattern:
                      data:
                        amount: [{numeric: [">", {{eda.rules.nowhere}}]}]
                """;

        assertThatThrownBy(() -> start(yaml))
                .hasMessageContaining("subscribers file " + dir.resolve("subscribers.yaml") + ", line 9, subscriber 'fraud-review':"
                        + " field 'pattern': placeholder {{eda.rules.nowhere}}: property 'eda.rules.nowhere' is not set;"
                        + " set it in application.properties")
                // the file's text is not in the message
                .satisfies(e -> assertThat(e).rootCause().message().doesNotContain("subscribers:").doesNotContain("inventory"));
    }

    @Test
    void aPlaceholderOnACommentLineIsNotResolved() {
        String yaml = SubscriberPlaceholders.resolve("# {{not.set}}\nsubscribers: []\n", "s.yaml", key -> null);

        assertThat(yaml).isEqualTo("\nsubscribers: []\n");
    }
}
