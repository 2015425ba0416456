package io.edarouter.schema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A candidate schema checked against the events a router really stored, and a schema discovered from them, over
 * HTTP as an operator asks: {@code POST /schemas/{eventType}/check}, {@code GET /schemas/{eventType}/discovered}.
 * Run on each store by a subclass ({@link SchemaCheckPostgresIT}, {@link SchemaCheckEmbeddedIT}), whose router has
 * the project's subscribers file: {@code fraud-review} tests {@code data.amount}, {@code inventory} only the type.
 *
 * <p>Each test seeds a history of its own event type through {@code POST /events}: 25 orders with a numeric amount,
 * then 2 legacy ones that sent it as a string; all of one stream, so they are stored in the order sent. The
 * pipeline's enrichment adds a {@code customer} to each.
 */
abstract class SchemaCheckContract {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CANDIDATE = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "required": ["orderId", "customerId", "amount"],
             "properties": {"orderId": {"type": "string"}, "customerId": {"type": "string"},
                            "amount": {"type": "number"}}}
            """;

    /** The router's URL of {@code path}. */
    abstract String url(String path);

    /** The operate token the router needs, or null when it has none. */
    abstract String token();

    /** The history seeded: the eventIds, oldest first. */
    record History(String eventType, List<String> eventIds, List<String> legacy) {
    }

    History seed() throws Exception {
        String type = "OrderPlaced" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 27; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            String amount = i < 25 ? String.valueOf(10 + i) : "\"" + (10 + i) + ".00\"";
            String coupon = i % 5 == 0 ? ", \"coupon\": \"SPRING\"" : "";
            body.append(i == 0 ? "" : ",").append("""
                    {"eventId": "%s", "eventType": "%s", "timestamp": "2024-01-01T00:00:%02dZ", "source": "shop",
                     "subject": "order-%s", "data": {"orderId": "%d", "customerId": "c-%d", "amount": %s%s}}
                    """.formatted(id, type, i, type, 7000 + i, i, amount, coupon));
        }
        HttpResponse<String> posted = send("POST", "/events", body.append(']').toString(), null);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        // POST /events publishes to the broker: the events are stored when the pipeline has consumed them
        await().atMost(Duration.ofSeconds(90)).until(() -> JSON.readTree(
                send("GET", "/streams/$et-" + type + "?limit=1000", null, null).body()).size() == ids.size());
        return new History(type, ids, ids.subList(25, 27));
    }

    @Test
    void theCheckCountsTheStoredEventsThatPassNamesTheFirstFailureAndTheSubscribersOfARetypedField() throws Exception {
        History history = seed();

        HttpResponse<String> answered = send("POST", "/schemas/" + history.eventType() + "/check", CANDIDATE, token());

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(answered.body());
        assertThat(answer.get("checked").asInt()).isEqualTo(27);
        assertThat(answer.get("passed").asInt()).isEqualTo(25);
        assertThat(answer.get("failed").asInt()).isEqualTo(2);
        JsonNode first = answer.get("failures").get(0);
        assertThat(first.get("eventId").asText()).as("newest first").isEqualTo(history.legacy().get(1));
        assertThat(first.get("pointer").asText()).isEqualTo("/amount");
        assertThat(first.get("rule").asText()).isEqualTo("type");
        assertThat(answer.get("failures")).extracting(f -> f.get("eventId").asText())
                .containsExactly(history.legacy().get(1), history.legacy().get(0));
        // nothing registered: compared with what the stored events show, where amount is a number or a string
        assertThat(answer.get("comparedWith").asText()).startsWith("discovered");
        assertThat(answer.get("removedOrRetyped")).extracting(c -> c.get("pointer").asText() + " " + c.get("change").asText())
                .contains("/amount type changed from integer|string to number", "/coupon removed");
        assertThat(answer.get("subscribers")).hasSize(1);
        JsonNode fraudReview = answer.get("subscribers").get(0);
        assertThat(fraudReview.get("name").asText()).isEqualTo("fraud-review");
        assertThat(fraudReview.get("fields")).extracting(JsonNode::asText).containsExactly("data.amount");
    }

    @Test
    void withAVersionRegisteredTheCheckComparesWithItInTheTypesCompatibilityMode() throws Exception {
        History history = seed();
        HttpResponse<String> registered = send("PUT", "/schemas/" + history.eventType(), """
                {"type": "object", "required": ["orderId"],
                 "properties": {"orderId": {"type": "string"}, "amount": {"type": ["number", "string"]}}}
                """, token());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        JsonNode answer = JSON.readTree(send("POST", "/schemas/" + history.eventType() + "/check", CANDIDATE, token()).body());

        assertThat(answer.get("comparedWith").asText()).isEqualTo("version 1");
        JsonNode compatibility = answer.get("compatibility");
        assertThat(compatibility.get("mode").asText()).isEqualTo("BACKWARD");
        assertThat(compatibility.get("compatible").asBoolean()).isFalse();
        assertThat(compatibility.get("changes")).extracting(c -> c.get("pointer").asText() + " " + c.get("change").asText())
                .containsExactlyInAnyOrder("/customerId required field added", "/amount required field added",
                        "/amount type changed from number|string to number");
        assertThat(answer.get("subscribers")).extracting(s -> s.get("name").asText()).containsExactly("fraud-review");
    }

    @Test
    void theCheckRegistersNothingAndRefusesABodyThatIsNoSchema() throws Exception {
        History history = seed();

        send("POST", "/schemas/" + history.eventType() + "/check", CANDIDATE, token());
        HttpResponse<String> notASchema = send("POST", "/schemas/" + history.eventType() + "/check",
                "{\"type\": \"no-such-type\"}", token());

        assertThat(notASchema.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notASchema.body()).get("error").asText()).isEqualTo("invalid-schema");
        HttpResponse<String> registered = send("GET", "/schemas/" + history.eventType(), null, null);
        assertThat(registered.statusCode()).as("the check registers nothing: " + registered.body()).isEqualTo(404);
    }

    @Test
    void theDiscoveredSchemaValidatesTheEventsItWasInferredFromAndRejectsARetypedField() throws Exception {
        History history = seed();

        HttpResponse<String> answered = send("GET", "/schemas/" + history.eventType() + "/discovered", null, null);

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        JsonNode schema = JSON.readTree(answered.body());
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("required")).extracting(JsonNode::asText).contains("orderId", "customerId", "amount")
                .doesNotContain("coupon");
        JsonSchemaValidator validator = JsonSchemaValidator.compile(schema);
        JsonNode stored = JSON.readTree(send("GET", "/streams/$et-" + history.eventType() + "?limit=1000", null, null).body());
        assertThat(stored).hasSize(27).allSatisfy(event ->
                assertThat(validator.firstViolation(event.get("data"))).as(event.toString()).isEmpty());
        ObjectNode retyped = stored.get(0).get("data").deepCopy();
        retyped.put("customerId", 42);
        assertThat(validator.firstViolation(retyped)).hasValueSatisfying(violation -> {
            assertThat(violation.pointer()).isEqualTo("/customerId");
            assertThat(violation.rule()).isEqualTo("type");
        });
    }

    @Test
    void aTypeWithNoStoredEventHasNoDiscoveredSchema() throws Exception {
        HttpResponse<String> answered = send("GET", "/schemas/NeverSent/discovered", null, null);

        assertThat(answered.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answered.body()).get("detail").asText()).contains("'NeverSent'");
    }

    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
