package io.edarouter.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pattern semantics as a table: every case of {@code src/test/resources/patterns/operators.yaml},
 * matched against the event as a decoded {@link Event}, as JSON bytes and as JSON text.
 */
class EventPatternOperatorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();
    private static CamelContext context;

    @BeforeAll
    static void startContext() {
        context = new DefaultCamelContext();
    }

    @AfterAll
    static void closeContext() throws Exception {
        context.close();
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        Map<String, Object> table;
        try (InputStream in = EventPatternOperatorsTest.class.getResourceAsStream("/patterns/operators.yaml")) {
            table = new YAMLMapper().readValue(in, Map.class);
        }
        Map<String, Object> base = (Map<String, Object>) table.get("base");
        List<Arguments> arguments = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) table.get("cases")) {
            Map<String, Object> event = new LinkedHashMap<>(base);
            if (c.get("event") != null) {
                event.putAll((Map<String, Object>) c.get("event"));
            }
            String pattern = JSON.writeValueAsString(c.get("pattern"));
            String name = c.get("operator") + (c.get("note") == null ? "" : " (" + c.get("note") + ")")
                    + (Boolean.TRUE.equals(c.get("matches")) ? " matches " : " does not match ") + pattern;
            arguments.add(Arguments.of(name, pattern, JSON.writeValueAsBytes(event), c.get("matches")));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void patternMatchesExactlyTheEventsOfItsCase(String name, String pattern, byte[] eventJson, boolean expected) {
        Predicate predicate = context.resolveLanguage("event-pattern").createPredicate(pattern);
        Event event = CODEC.decode(eventJson);

        assertThat(matches(predicate, event)).as("decoded event").isEqualTo(expected);
        assertThat(matches(predicate, eventJson)).as("JSON bytes").isEqualTo(expected);
        assertThat(matches(predicate, new String(eventJson, StandardCharsets.UTF_8))).as("JSON text").isEqualTo(expected);
    }

    private static boolean matches(Predicate predicate, Object body) {
        DefaultExchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return predicate.matches(exchange);
    }
}
