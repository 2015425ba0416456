package io.edarouter.schema;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.edarouter.schema.CompatibilityMode.BACKWARD;
import static io.edarouter.schema.CompatibilityMode.FORWARD;
import static io.edarouter.schema.CompatibilityMode.FULL;
import static io.edarouter.schema.CompatibilityMode.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** OrderCreated, version 1: an open object with two required fields and an optional nested customer. */
    private static final String V1 = """
            {"type": "object", "required": ["orderId", "amount"],
             "properties": {
               "orderId": {"type": "string"},
               "amount": {"type": "number", "minimum": 0},
               "currency": {"type": "string", "enum": ["EUR", "USD"]},
               "customer": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
               "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"},
                                                                                      "qty": {"type": "integer"}}}}
             }}
            """;

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** V1 with {@code edit} applied to its tree. */
    private static JsonNode v1(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        com.fasterxml.jackson.databind.node.ObjectNode schema = (com.fasterxml.jackson.databind.node.ObjectNode) json(V1);
        edit.accept(schema);
        return schema;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode property(JsonNode schema, String... path) {
        JsonNode node = schema;
        for (String name : path) {
            node = name.equals("*") ? node.get("items") : node.get("properties").get(name);
        }
        return (com.fasterxml.jackson.databind.node.ObjectNode) node;
    }

    private static List<SchemaChange> check(JsonNode candidate, CompatibilityMode mode) {
        return SchemaCompatibility.incompatibilities(json(V1), candidate, mode);
    }

    @ParameterizedTest
    @EnumSource(CompatibilityMode.class)
    void theSameSchemaIsCompatibleInEveryMode(CompatibilityMode mode) {
        assertThat(check(json(V1), mode)).isEmpty();
    }

    // BACKWARD: consumers using the candidate read data written with V1

    @Test
    void backwardRefusesARequiredFieldAddedWithoutDefault() {
        JsonNode candidate = v1(s -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("required")).add("customer");
        });
        assertThat(check(candidate, BACKWARD)).containsExactly(new SchemaChange("/customer", "required field added"));
    }

    @Test
    void backwardAcceptsARequiredFieldAddedWithADefault() {
        JsonNode candidate = v1(s -> {
            ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("required")).add("currency");
            property(s, "currency").put("default", "EUR");
        });
        assertThat(check(candidate, BACKWARD)).isEmpty();
    }

    @Test
    void backwardRefusesANarrowedType() {
        JsonNode candidate = v1(s -> property(s, "amount").put("type", "integer"));
        assertThat(check(candidate, BACKWARD))
                .containsExactly(new SchemaChange("/amount", "type changed from number to integer"));
    }

    @Test
    void backwardRefusesAChangedTypeInANestedObjectAndInArrayItems() {
        JsonNode candidate = v1(s -> {
            property(s, "customer", "id").put("type", "integer");
            property(s, "lines", "*", "qty").put("type", "string");
        });
        assertThat(check(candidate, BACKWARD)).containsExactly(
                new SchemaChange("/customer/id", "type changed from string to integer"),
                new SchemaChange("/lines/*/qty", "type changed from integer to string"));
    }

    @Test
    void backwardAcceptsAWidenedTypeAnOptionalFieldAddedAndAPropertyRemovedFromAnOpenModel() {
        JsonNode candidate = v1(s -> {
            property(s, "lines", "*", "qty").put("type", "number");
            property(s, "amount").putArray("type").add("number").add("string");
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties")).remove("currency");
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties")).putObject("note").put("type", "string");
        });
        assertThat(check(candidate, BACKWARD)).isEmpty();
    }

    @Test
    void backwardRefusesAPropertyRemovedFromAClosedModelAndClosingAnOpenOne() {
        JsonNode candidate = v1(s -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties")).remove("currency");
            s.put("additionalProperties", false);
        });
        assertThat(check(candidate, BACKWARD)).containsExactly(
                new SchemaChange("/currency", "property removed from a closed content model (additionalProperties: false)"),
                new SchemaChange("", "additionalProperties closed (was open)"));
    }

    @Test
    void backwardRefusesAnEnumValueRemovedAndAcceptsOneAdded() {
        JsonNode removed = v1(s -> property(s, "currency").putArray("enum").add("EUR"));
        JsonNode added = v1(s -> property(s, "currency").putArray("enum").add("EUR").add("USD").add("GBP"));
        assertThat(check(removed, BACKWARD)).containsExactly(new SchemaChange("/currency", "enum value \"USD\" removed"));
        assertThat(check(added, BACKWARD)).isEmpty();
    }

    @Test
    void backwardRefusesARaisedMinimumAndAddedPattern() {
        JsonNode candidate = v1(s -> {
            property(s, "amount").put("minimum", 1);
            property(s, "orderId").put("pattern", "^[0-9]+$");
        });
        assertThat(check(candidate, BACKWARD)).containsExactlyInAnyOrder(
                new SchemaChange("/amount", "minimum changed from 0 to 1"),
                new SchemaChange("/orderId", "pattern changed from none to \"^[0-9]+$\""));
    }

    // FORWARD: consumers using V1 read data written with the candidate

    @Test
    void forwardRefusesARequiredFieldDroppedAndAWidenedType() {
        JsonNode candidate = v1(s -> {
            s.putArray("required").add("orderId");
            property(s, "lines", "*", "qty").put("type", "number");
        });
        assertThat(check(candidate, FORWARD)).containsExactly(
                new SchemaChange("/amount", "field no longer required"),
                new SchemaChange("/lines/*/qty", "type changed from integer to number"));
    }

    @Test
    void forwardRefusesAnEnumValueAddedAndAcceptsARequiredFieldAdded() {
        JsonNode added = v1(s -> property(s, "currency").putArray("enum").add("EUR").add("USD").add("GBP"));
        JsonNode required = v1(s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("required")).add("customer"));
        assertThat(check(added, FORWARD)).containsExactly(new SchemaChange("/currency", "enum value \"GBP\" added"));
        assertThat(check(required, FORWARD)).isEmpty();
    }

    @Test
    void forwardAcceptsANarrowedType() {
        assertThat(check(v1(s -> property(s, "amount").put("type", "integer")), FORWARD)).isEmpty();
    }

    @Test
    void forwardRefusesAPropertyAddedToAPreviouslyClosedModel() {
        JsonNode previous = v1(s -> s.put("additionalProperties", false));
        JsonNode candidate = v1(s -> {
            s.put("additionalProperties", false);
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties")).putObject("note").put("type", "string");
        });
        assertThat(SchemaCompatibility.incompatibilities(previous, candidate, FORWARD)).containsExactly(new SchemaChange(
                "/note", "property added where the previous version allows no other properties (additionalProperties: false)"));
        assertThat(SchemaCompatibility.incompatibilities(previous, candidate, BACKWARD)).isEmpty();
    }

    // FULL and NONE

    @Test
    void fullRefusesWhatEitherDirectionRefuses() {
        JsonNode narrowed = v1(s -> property(s, "amount").put("type", "integer"));
        JsonNode widened = v1(s -> property(s, "lines", "*", "qty").put("type", "number"));
        assertThat(check(narrowed, FULL)).containsExactly(new SchemaChange("/amount", "type changed from number to integer"));
        assertThat(check(widened, FULL)).containsExactly(new SchemaChange("/lines/*/qty", "type changed from integer to number"));
    }

    @Test
    void fullAcceptsAnOptionalFieldAdded() {
        JsonNode candidate = v1(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties"))
                .putObject("note").put("type", "string"));
        assertThat(check(candidate, FULL)).isEmpty();
    }

    @Test
    void noneChecksNothing() {
        JsonNode candidate = v1(s -> {
            property(s, "amount").put("type", "string");
            s.put("additionalProperties", false);
        });
        assertThat(check(candidate, NONE)).isEmpty();
        assertThat(check(candidate, BACKWARD)).isNotEmpty();
    }

    @Test
    void aChangedKeywordThatIsNotAnalysedIsReportedAsIncompatible() {
        JsonNode candidate = v1(s -> property(s, "orderId").putArray("anyOf").addObject().put("minLength", 3));
        assertThat(check(candidate, BACKWARD))
                .containsExactly(new SchemaChange("/orderId", "anyOf changed (not analysed: treated as incompatible)"));
    }

    // removed or retyped, for the subscribers' patterns

    @Test
    void removedOrRetypedNamesRemovedAndRetypedFieldsAtAnyDepth() {
        JsonNode candidate = v1(s -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties")).remove("currency");
            property(s, "amount").put("type", "string");
            property(s, "lines", "*", "qty").put("type", "number");
            ((com.fasterxml.jackson.databind.node.ObjectNode) property(s, "customer").get("properties")).remove("id");
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties")).putObject("note").put("type", "string");
        });
        assertThat(SchemaCompatibility.removedOrRetyped(json(V1), candidate)).containsExactlyInAnyOrder(
                new SchemaChange("/currency", "removed"),
                new SchemaChange("/amount", "type changed from number to string"),
                new SchemaChange("/lines/*/qty", "type changed from integer to number"),
                new SchemaChange("/customer/id", "removed"));
    }

    @Test
    void aPropertyNameWithASlashIsEscapedInThePointer() {
        JsonNode previous = json("{\"type\":\"object\",\"properties\":{\"a/b\":{\"type\":\"string\"}}}");
        JsonNode candidate = json("{\"type\":\"object\",\"properties\":{}}");
        assertThat(SchemaCompatibility.removedOrRetyped(previous, candidate))
                .containsExactly(new SchemaChange("/a~1b", "removed"));
    }

    @Test
    void anUnknownModeIsRefusedNamingTheModes() {
        assertThat(CompatibilityMode.parse("full")).isEqualTo(FULL);
        assertThatThrownBy(() -> CompatibilityMode.parse("TRANSITIVE"))
                .hasMessage("compatibility mode is BACKWARD, FORWARD, FULL or NONE, was 'TRANSITIVE'");
    }
}
