package io.edarouter.schema;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaDiscoveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 30 OrderCreated data objects: three currencies, a note in some, nested customer, lines, a coupon only once. */
    private static List<JsonNode> orders() throws Exception {
        List<JsonNode> orders = new ArrayList<>();
        String[] currencies = {"EUR", "USD", "GBP"};
        for (int i = 0; i < 30; i++) {
            orders.add(JSON.readTree("""
                    {"orderId": "%s", "amount": %s, "currency": "%s", "placedAt": "2024-01-%02dT10:00:00Z",
                     "customer": {"id": "c-%d", "email": "buyer%d@example.com", "vip": %s},
                     "lines": [{"sku": "sku-%d", "qty": %d}, {"sku": "sku-x", "qty": 1}]%s}
                    """.formatted(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i}), i % 2 == 0 ? "10" : "12.5",
                    currencies[i % 3], i % 28 + 1, i, i, i % 2 == 0, i, i + 1,
                    i == 7 ? ", \"coupon\": null" : "")));
        }
        return orders;
    }

    @Test
    void infersTypesRequiredFormatsEnumsNestedObjectsAndArrays() throws Exception {
        ObjectNode schema = SchemaDiscovery.infer(orders());

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("required")).containsExactly(JSON.readTree("\"orderId\""), JSON.readTree("\"amount\""),
                JSON.readTree("\"currency\""), JSON.readTree("\"placedAt\""), JSON.readTree("\"customer\""),
                JSON.readTree("\"lines\""));
        JsonNode properties = schema.get("properties");
        assertThat(properties.at("/orderId/format").asText()).isEqualTo("uuid");
        assertThat(properties.at("/amount/type").asText()).isEqualTo("number");
        assertThat(properties.at("/currency/enum")).hasSize(3);
        assertThat(properties.at("/placedAt/format").asText()).isEqualTo("date-time");
        assertThat(properties.at("/customer/properties/email/format").asText()).isEqualTo("email");
        assertThat(properties.at("/customer/properties/vip/type").asText()).isEqualTo("boolean");
        assertThat(properties.at("/customer/properties/id").has("enum")).as("30 distinct ids are no enum").isFalse();
        assertThat(properties.at("/lines/items/properties/qty/type").asText()).isEqualTo("integer");
        assertThat(properties.at("/lines/items/required")).hasSize(2);
        assertThat(properties.at("/coupon/type").asText()).isEqualTo("null");
    }

    @Test
    void theInferredSchemaAcceptsEveryEventItWasInferredFromAndRejectsARetypedField() throws Exception {
        List<JsonNode> orders = orders();
        JsonSchemaValidator validator = JsonSchemaValidator.compile(SchemaDiscovery.infer(orders));

        for (JsonNode order : orders) {
            assertThat(validator.firstViolation(order)).as(order.toString()).isEmpty();
        }
        ObjectNode retyped = orders.get(0).deepCopy();
        retyped.put("amount", "ten");
        assertThat(validator.firstViolation(retyped)).hasValueSatisfying(violation -> {
            assertThat(violation.pointer()).isEqualTo("/amount");
            assertThat(violation.rule()).isEqualTo("type");
        });
        ObjectNode lost = orders.get(0).deepCopy();
        lost.remove("customer");
        assertThat(validator.firstViolation(lost)).hasValueSatisfying(violation ->
                assertThat(violation.rule()).isEqualTo("required"));
    }

    @Test
    void aNumberAlwaysWholeIsAnIntegerAndAMixIsANumber() throws Exception {
        ObjectNode whole = SchemaDiscovery.infer(List.of(JSON.readTree("{\"n\": 1}"), JSON.readTree("{\"n\": 2}")));
        ObjectNode mixed = SchemaDiscovery.infer(List.of(JSON.readTree("{\"n\": 1}"), JSON.readTree("{\"n\": 2.5}")));
        assertThat(whole.at("/properties/n/type").asText()).isEqualTo("integer");
        assertThat(mixed.at("/properties/n/type").asText()).isEqualTo("number");
    }

    @Test
    void aFieldMissingFromSomeEventsIsOptionalAndSeveralTypesAreAList() throws Exception {
        ObjectNode schema = SchemaDiscovery.infer(List.of(JSON.readTree("{\"a\": 1, \"b\": \"x\"}"),
                JSON.readTree("{\"a\": \"one\"}")));
        assertThat(schema.get("required")).containsExactly(JSON.readTree("\"a\""));
        assertThat(schema.at("/properties/a/type")).isEqualTo(JSON.readTree("[\"integer\", \"string\"]"));
    }

    @Test
    void anEnumNeedsEnoughSamplesAndFewEnoughValuesAsConfigured() throws Exception {
        List<JsonNode> data = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            data.add(JSON.readTree("{\"status\": \"" + (i % 2 == 0 ? "open" : "closed") + "\"}"));
        }
        assertThat(SchemaDiscovery.infer(data).at("/properties/status").has("enum"))
                .as("5 events are fewer than the default 20").isFalse();
        assertThat(SchemaDiscovery.infer(data, new SchemaDiscovery.EnumThreshold(2, 5)).at("/properties/status/enum"))
                .containsExactly(JSON.readTree("\"open\""), JSON.readTree("\"closed\""));
        assertThat(SchemaDiscovery.infer(data, new SchemaDiscovery.EnumThreshold(1, 5)).at("/properties/status")
                .has("enum")).as("2 values are more than 1").isFalse();
    }

    @Test
    void nothingToInferFromIsRefused() {
        assertThatThrownBy(() -> SchemaDiscovery.infer(List.of())).hasMessage("no data to infer a schema from");
    }
}
