package io.edarouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.edarouter.event.EventCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.Machine;

/**
 * Whatever the body, a pattern's verdict is event-ruler's on the event's JSON as the producer sent it: every case of
 * {@code patterns/as-received.yaml} and {@code patterns/operators.yaml} is matched on the decoded event, the JSON text
 * and the JSON bytes by the {@code event-pattern} language, and by an {@code eda-dispatch:} table of all the patterns;
 * the expected verdict is what event-ruler's {@link Machine} answers on the JSON text.
 */
class EventPatternVerdictTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();
    private static CamelContext context;

    /** One event as JSON text and the patterns to try on it. */
    record Case(String name, String event, List<String> patterns) {
    }

    @BeforeAll
    static void startContext() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void closeContext() throws Exception {
        context.close();
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>(asReceived());
        cases.addAll(operators());
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Case> asReceived() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) read("/patterns/as-received.yaml").get("cases")) {
            cases.add(new Case((String) c.get("name"), (String) c.get("event"), (List<String>) c.get("patterns")));
        }
        return cases;
    }

    /** The operator table's cases, each event written as JSON text (its own expectations are not used here). */
    @SuppressWarnings("unchecked")
    private static List<Case> operators() throws IOException {
        Map<String, Object> table = read("/patterns/operators.yaml");
        Map<String, Object> base = (Map<String, Object>) table.get("base");
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) table.get("cases")) {
            Map<String, Object> event = new LinkedHashMap<>(base);
            if (c.get("event") != null) {
                event.putAll((Map<String, Object>) c.get("event"));
            }
            cases.add(new Case("operators.yaml: " + c.get("operator") + (c.get("note") == null ? "" : " (" + c.get("note") + ")"),
                    JSON.writeValueAsString(event), List.of(JSON.writeValueAsString(c.get("pattern")))));
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String resource) throws IOException {
        try (InputStream in = EventPatternVerdictTest.class.getResourceAsStream(resource)) {
            return new YAMLMapper().readValue(in, Map.class);
        }
    }

    static Stream<Arguments> patternsOnEvents() throws IOException {
        return cases().stream().flatMap(c -> c.patterns().stream().map(p -> Arguments.of(c.name() + ": " + p, c.event(), p)));
    }

    /** event-ruler's own answer: its Machine, one rule, on the JSON text. */
    private static boolean eventRuler(String pattern, String eventJson) throws Exception {
        return !machine(pattern).rulesForJSONEvent(eventJson).isEmpty();
    }

    private static Machine machine(String pattern) throws Exception {
        Machine machine = new Machine();
        machine.addRule("pattern", pattern);
        return machine;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patternsOnEvents")
    void theLanguageGivesEventRulersVerdictOnEveryBody(String name, String eventJson, String pattern) throws Exception {
        boolean expected = eventRuler(pattern, eventJson);
        Predicate predicate = context.resolveLanguage("event-pattern").createPredicate(pattern);
        byte[] bytes = eventJson.getBytes(StandardCharsets.UTF_8);

        assertThat(matches(predicate, CODEC.decode(bytes))).as("decoded event").isEqualTo(expected);
        assertThat(matches(predicate, eventJson)).as("JSON text").isEqualTo(expected);
        assertThat(matches(predicate, bytes)).as("JSON bytes").isEqualTo(expected);
    }

    @Test
    void aSubscribersTableGivesEventRulersVerdictForEverySubscriber(@TempDir Path dir) throws Exception {
        List<Case> cases = cases();
        Map<String, Machine> patterns = new LinkedHashMap<>();
        StringBuilder yaml = new StringBuilder("subscribers:\n");
        for (int c = 0; c < cases.size(); c++) {
            for (int p = 0; p < cases.get(c).patterns().size(); p++) {
                String name = "c" + c + "-p" + p;
                String pattern = cases.get(c).patterns().get(p);
                patterns.put(name, machine(pattern));
                // a JSON string in YAML; "} }" is the same JSON as "}}", which the file's placeholders would take
                yaml.append("  - name: ").append(name).append("\n    to: \"mock:").append(name).append("\"\n    pattern: '")
                        .append(pattern.replace("}}", "} }").replace("}}", "} }")).append("'\n");
            }
        }
        Path file = Files.writeString(dir.resolve("subscribers.yaml"), yaml);
        try (CamelContext dispatching = new DefaultCamelContext()) {
            dispatching.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:dispatch").to("eda-dispatch:" + file + "?reloadInterval=0");
                }
            });
            dispatching.start();
            ProducerTemplate template = dispatching.createProducerTemplate();
            int matched = 0;
            for (Case c : cases) {
                Set<String> expected = new TreeSet<>();
                for (Map.Entry<String, Machine> subscriber : patterns.entrySet()) {
                    if (!subscriber.getValue().rulesForJSONEvent(c.event()).isEmpty()) {
                        expected.add(subscriber.getKey());
                    }
                }
                matched += expected.size();
                byte[] bytes = c.event().getBytes(StandardCharsets.UTF_8);
                for (Object body : new Object[] {CODEC.decode(bytes), c.event(), bytes}) {
                    String names = template.request("direct:dispatch", e -> e.getMessage().setBody(body))
                            .getMessage().getHeader(DispatchConstants.MATCHED, String.class);
                    Set<String> actual = names == null || names.isEmpty() ? Set.of()
                            : Arrays.stream(names.split(",")).collect(Collectors.toCollection(TreeSet::new));
                    assertThat(actual).as(c.name() + " as " + body.getClass().getSimpleName()).isEqualTo(expected);
                }
            }
            // the table has both verdicts, or the comparison would prove little
            assertThat(matched).isBetween(1, patterns.size() * cases.size() - 1);
        }
    }

    private static boolean matches(Predicate predicate, Object body) {
        DefaultExchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return predicate.matches(exchange);
    }
}
