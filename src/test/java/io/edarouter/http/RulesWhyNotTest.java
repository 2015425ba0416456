package io.edarouter.http;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule tester names the first field of a pattern an event fails on, or the whole pattern when no single one does. */
class RulesWhyNotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesTheFirstFieldTheEventFailsWithThePatternAndTheEventsValueThere() throws Exception {
        JsonNode event = JSON.readTree("{\"eventType\": \"OrderCreated\", \"data\": {\"amount\": 10}}");

        Map<String, Object> why = RulesProcessor.whyNot(
                "{\"eventType\": [\"OrderCreated\"], \"data\": {\"amount\": [{\"numeric\": [\">\", 1000]}]}}", event);

        assertThat(why.get("field")).isEqualTo("data.amount");
        assertThat(why.get("pattern").toString()).isEqualTo("[{\"numeric\":[\">\",1000]}]");
        assertThat(why.get("value").toString()).isEqualTo("10");
    }

    @Test
    void aFieldTheEventLacksIsNamedWithoutAValue() throws Exception {
        Map<String, Object> why = RulesProcessor.whyNot("{\"subject\": [\"a\"]}", JSON.readTree("{\"eventType\": \"X\"}"));

        assertThat(why).containsEntry("field", "subject").containsEntry("value", null);
    }

    @Test
    void whenOnlyTheAlternativesTogetherFailTheWholePatternIsTheReason() throws Exception {
        String pattern = "{\"$or\": [{\"eventType\": [\"A\"]}, {\"source\": [\"b\"]}]}";

        Map<String, Object> why = RulesProcessor.whyNot(pattern, JSON.readTree("{\"eventType\": \"X\", \"source\": \"y\"}"));

        assertThat(why).containsOnlyKeys("pattern");
        assertThat(why.get("pattern")).isEqualTo(JSON.readTree(pattern));
    }
}
