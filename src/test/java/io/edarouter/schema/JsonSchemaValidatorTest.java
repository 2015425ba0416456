package io.edarouter.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String ORDER = """
            {"type":"object","required":["orderId","customerId","amount"],
             "properties":{"orderId":{"type":"string"},"customerId":{"type":"string"},
                           "amount":{"type":"number","minimum":0},
                           "orderedAt":{"type":"string","format":"date-time"}}}""";

    @Test
    void validDataHasNoViolation() throws Exception {
        JsonSchemaValidator validator = JsonSchemaValidator.compile(json(ORDER));
        assertThat(validator.firstViolation(json("""
                {"orderId":"o-1","customerId":"c-1","amount":12.5,"orderedAt":"2026-11-30T04:00:00Z"}""")))
                .isEmpty();
    }

    @Test
    void aRetypedFieldIsNamedByItsPointerAndTheTypeRule() throws Exception {
        JsonSchemaValidator validator = JsonSchemaValidator.compile(json(ORDER));
        SchemaViolation violation = validator.firstViolation(json("""
                {"orderId":"o-1","customerId":"c-1","amount":"12.5"}""")).orElseThrow();
        assertThat(violation.pointer()).isEqualTo("/amount");
        assertThat(violation.rule()).isEqualTo("type");
        assertThat(violation.describe()).isEqualTo("/amount: type (string found, number expected)");
    }

    @Test
    void aMissingRequiredFieldIsNamedByItsOwnPointer() throws Exception {
        JsonSchemaValidator validator = JsonSchemaValidator.compile(json(ORDER));
        SchemaViolation violation = validator.firstViolation(json("""
                {"orderId":"o-1","amount":1}""")).orElseThrow();
        assertThat(violation.pointer()).isEqualTo("/customerId");
        assertThat(violation.rule()).isEqualTo("required");
    }

    @Test
    void formatsAreAsserted() throws Exception {
        JsonSchemaValidator validator = JsonSchemaValidator.compile(json(ORDER));
        SchemaViolation violation = validator.firstViolation(json("""
                {"orderId":"o-1","customerId":"c-1","amount":1,"orderedAt":"yesterday"}""")).orElseThrow();
        assertThat(violation.pointer()).isEqualTo("/orderedAt");
        assertThat(violation.rule()).isEqualTo("format");
    }

    @Test
    void violationsAreCappedAtMax() throws Exception {
        JsonSchemaValidator validator = JsonSchemaValidator.compile(json(ORDER));
        assertThat(validator.violations(json("{\"amount\":-1}"), 10)).hasSize(3);
        assertThat(validator.violations(json("{\"amount\":-1}"), 2)).hasSize(2);
    }

    @Test
    void anInvalidSchemaIsRefusedWithTheReason() {
        assertThatThrownBy(() -> JsonSchemaValidator.compile(json("{\"type\":\"strnig\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/type");
        assertThatThrownBy(() -> JsonSchemaValidator.compile(json("[1]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array");
    }
}
