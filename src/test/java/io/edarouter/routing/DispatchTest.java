package io.edarouter.routing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.Event;
import io.edarouter.store.EventFixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The eda-dispatch: component on a subscribers file: copies per target, formats, reload, refusals. */
class DispatchTest {

    private static final Event ORDER = EventFixtures.event("e-1", "OrderCreated", "2024-01-01T00:00:00Z",
            "order-service", "{\"orderId\": \"12345\", \"amount\": 1500}");

    @TempDir
    Path dir;

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("subscribers.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private ProducerTemplate start(Path file, String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("dispatch").to("eda-dispatch:" + file + options);
                from("direct:rewriter").setBody(constant("rewritten")).to("mock:rewriter");
            }
        });
        context.start();
        return context.createProducerTemplate();
    }

    @Test
    void eachTargetGetsItsOwnCopySoOneCannotChangeWhatTheNextSees() throws Exception {
        Path file = file("""
                subscribers:
                  - {name: rewriter, pattern: {eventType: [OrderCreated]}, to: "direct:rewriter"}
                  - {name: after, pattern: {eventType: [OrderCreated]}, to: "mock:after"}
                """);
        ProducerTemplate template = start(file, "");

        template.sendBody("direct:in", ORDER);

        MockEndpoint after = context.getEndpoint("mock:after", MockEndpoint.class);
        assertThat(after.getExchanges()).singleElement()
                .satisfies(e -> assertThat(e.getMessage().getBody()).isEqualTo(ORDER));
        assertThat(context.getEndpoint("mock:rewriter", MockEndpoint.class).getExchanges()).hasSize(1);
    }

    @Test
    void topicPrefixFormatAndHeadersShapeWhatASubscriberReceives() throws Exception {
        Path file = file("""
                subscribers:
                  - name: audit
                    pattern: {data: {amount: [{numeric: [">", 1000]}]}}
                    topic: audit
                    format: cloudevents
                    headers: {team: risk}
                  - name: shipping
                    pattern: {eventType: [OrderShipped]}
                    topic: shipping
                """);
        ProducerTemplate template = start(file, "?topicPrefix=mock:");

        Object matched = template.request("direct:in", e -> e.getMessage().setBody(ORDER)).getMessage()
                .getHeader(DispatchConstants.MATCHED);

        assertThat(matched).isEqualTo("audit");
        MockEndpoint audit = context.getEndpoint("mock:audit", MockEndpoint.class);
        assertThat(audit.getExchanges()).singleElement().satisfies(e -> {
            JsonNode cloudEvent = new ObjectMapper().readTree(e.getMessage().getBody(byte[].class));
            assertThat(cloudEvent.get("specversion").asText()).isEqualTo("1.0");
            assertThat(cloudEvent.get("id").asText()).isEqualTo("e-1");
            assertThat(e.getMessage().getHeader("team")).isEqualTo("risk");
            assertThat(e.getProperty(DispatchConstants.SUBSCRIBER)).isEqualTo("audit");
            assertThat(e.getMessage().getHeaders()).doesNotContainKeys(DispatchConstants.SUBSCRIBER, DispatchConstants.MATCHED);
        });
        assertThat(context.getEndpoint("mock:shipping", MockEndpoint.class).getExchanges()).isEmpty();
    }

    @Test
    void anEmptyBatchIsABatchOfNoEventsAndSendsNothing() throws Exception {
        Path file = file("subscribers:\n  - {name: all, pattern: {source: [{exists: true}]}, to: \"mock:all\"}\n");
        ProducerTemplate template = start(file, "");

        org.apache.camel.Exchange done = template.send("direct:in", e -> e.getMessage().setBody(List.of()));

        assertThat(done.getException()).isNull();
        assertThat(context.getEndpoint("mock:all", MockEndpoint.class).getExchanges()).isEmpty();
    }

    @Test
    void jsonBytesFromABrokerAreDispatchedToo() throws Exception {
        Path file = file("subscribers:\n  - {name: paid, pattern: {eventType: [OrderPaid]}, to: \"mock:paid\"}\n");
        ProducerTemplate template = start(file, "");

        template.sendBody("direct:in", "{\"eventType\":\"OrderPaid\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(context.getEndpoint("mock:paid", MockEndpoint.class).getExchanges()).hasSize(1);
    }

    @Test
    void aChangedFileTakesEffectWithoutRestartAndABrokenOneIsRefusedKeepingTheOldTable() throws Exception {
        Path file = file("subscribers:\n  - {name: first, pattern: {eventType: [OrderCreated]}, to: \"mock:first\"}\n");
        ProducerTemplate template = start(file, "?reloadInterval=50");

        rewrite(file, "subscribers:\n  - {name: second, pattern: {eventType: [OrderCreated]}, to: \"mock:second\"}\n");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            template.sendBody("direct:in", ORDER);
            assertThat(context.getEndpoint("mock:second", MockEndpoint.class).getExchanges()).isNotEmpty();
        });

        rewrite(file, "subscribers:\n  - {name: third, pattern: {eventType: OrderCreated}, to: \"mock:third\"}\n");
        DispatchEndpoint endpoint = context.getEndpoint("eda-dispatch:" + file + "?reloadInterval=50", DispatchEndpoint.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(endpoint.getLastRefusal())
                .contains("line 2, subscriber 'third': field 'pattern'"));
        int before = context.getEndpoint("mock:second", MockEndpoint.class).getExchanges().size();
        template.sendBody("direct:in", ORDER);

        assertThat(context.getEndpoint("mock:second", MockEndpoint.class).getExchanges()).hasSize(before + 1);
        assertThat(context.getEndpoint("mock:third", MockEndpoint.class).getExchanges()).isEmpty();
    }

    @Test
    void aBrokenFileFailsTheRouteAtStartNamingTheFileLineAndField() throws Exception {
        Path file = file("""
                subscribers:
                  - name: inventory
                    pattern: {eventType: [OrderCreated]}
                    to: "mock:inventory"
                  - name: fraud
                    pattern: {data: {amount: [{numeric: [">", many]}]}}
                    to: "mock:fraud"
                """);

        assertThatThrownBy(() -> start(file, ""))
                .isInstanceOfAny(FailedToCreateRouteException.class, FailedToStartRouteException.class)
                .hasMessageContaining("dispatch")
                .hasMessageContaining("subscribers file " + file + ", line 5, subscriber 'fraud': field 'pattern': Value of > must be numeric");
    }

    private static void rewrite(Path file, String yaml) throws Exception {
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, yaml);
        // file systems with coarse timestamps: make the change visible
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
    }

    @Test
    void unknownFieldsAndMissingTargetsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> SubscriberTable.parse("subscribers:\n  - name: a\n    patern: {eventType: [X]}\n", "subs.yaml", null))
                .hasMessageContaining("subscribers file subs.yaml, line 2: unknown field 'patern'");
        assertThatThrownBy(() -> SubscriberTable.parse("subscribers:\n  - {name: a, pattern: {eventType: [X]}}\n", "subs.yaml", null))
                .hasMessageContaining("line 2, subscriber 'a': exactly one of 'to' (an endpoint URI) and 'topic' is required");
        assertThatThrownBy(() -> SubscriberTable.parse("subscribers:\n  - {name: a, pattern: {eventType: [X]}, to: x}\n  - {name: a, pattern: {eventType: [Y]}, to: y}\n", "subs.yaml", null))
                .hasMessageContaining("subscriber 'a' is named twice");
        assertThat(SubscriberTable.parse("subscribers:\n  - {name: a, pattern: '{\"eventType\": [\"X\"]}', to: x}\n", "subs.yaml", null)
                .subscribers()).extracting(Subscriber::uri).isEqualTo(List.of("x"));
    }
}
