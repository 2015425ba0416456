package io.edarouter.routing;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatternFieldsTest {

    @Test
    void namesTheFieldsAPatternTestsThroughNestedObjectsAndOr() {
        String pattern = """
                {"eventType": ["OrderCreated"],
                 "data": {"amount": [{"numeric": [">", 100]}], "customer": {"tier": ["gold"]}},
                 "$or": [{"data": {"currency": ["EUR"]}}, {"source": [{"prefix": "shop"}]}]}
                """;

        assertThat(PatternFields.of(pattern)).containsExactly(
                List.of("eventType"), List.of("data", "amount"), List.of("data", "customer", "tier"),
                List.of("data", "currency"), List.of("source"));
    }

    @Test
    void anEmptyPatternTestsNothing() {
        assertThat(PatternFields.of("{}")).isEmpty();
    }

    @Test
    void exactValuesArePlainStringsOnly() {
        assertThat(PatternFields.exactValues("{\"eventType\": [\"A\", \"B\"]}", "eventType")).containsExactly("A", "B");
        assertThat(PatternFields.exactValues("{\"eventType\": [{\"prefix\": \"Order\"}]}", "eventType")).isNull();
        assertThat(PatternFields.exactValues("{\"source\": [\"shop\"]}", "eventType")).isNull();
    }
}
