package io.edarouter.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema step of docs/schemas.md, in a user's YAML route: a valid event passes, an invalid one fails the exchange. */
class ValidateSchemaStepTest {

    private static final String ROUTE = """
            - route:
                id: validate-then-log
                from:
                  uri: direct:in
                  steps:
                    - process:
                        ref: "#class:io.edarouter.schema.ValidateSchema"
                    - to: mock:valid
            """;

    @Test
    void aUsersRouteValidatesEventsAgainstTheRegistry() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            StoredSchemaRegistry registry = SchemaValidationTest.inMemory();
            registry.register("OrderCreated", new ObjectMapper().readTree(
                    "{\"type\":\"object\",\"required\":[\"customerId\"]}"));
            context.getRegistry().bind(StoredSchemaRegistry.BEAN_NAME, registry);
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("steps.camel.yaml", ROUTE));
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();

            Exchange valid = producer.send("direct:in", e -> e.getMessage().setBody(event("{\"customerId\":\"c-1\"}")));
            Exchange invalid = producer.send("direct:in", e -> e.getMessage().setBody(event("{}")));

            assertThat(valid.getException()).isNull();
            assertThat(invalid.getException()).isInstanceOfSatisfying(SchemaViolationException.class,
                    e -> assertThat(e.getPointer()).isEqualTo("/customerId"));
        }
    }

    private static byte[] event(String data) {
        return ("{\"eventId\":\"e-1\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2026-11-30T00:00:00Z\","
                + "\"source\":\"test\",\"data\":" + data + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
