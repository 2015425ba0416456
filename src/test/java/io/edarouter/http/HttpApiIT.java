package io.edarouter.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /events publishes through the broker into the store; GET /streams reads it back, either way; every request
 * the API refuses is answered with the right status and {@code {"error", "detail"}} naming what was wrong.
 */
class HttpApiIT {

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String TOKEN = "it-" + RUN.id();
    private static final int MAX_BODY = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN.with(Map.of(
            "eda.http.token", TOKEN,
            "camel.server.max-body-size", String.valueOf(MAX_BODY),
            // a store-driven subscriber, so that replay has a subscription to refuse requests for
            "camel.main.routes-include-pattern",
            "file:routes/*.camel.yaml,classpath:subscribers/order-shipped.camel.yaml")));

    @Test
    void postedEventsAreAcceptedAndReadableFromTheirStreamAndFromAll() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String body = "[" + event(first, "OrderCreated", "9001") + "," + event(second, "OrderPaid", "9001") + "]";

        HttpResponse<String> posted = send("POST", "/events", "application/json", body, false);

        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(posted.body()).get("accepted")).hasSize(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> stream = getArray("/streams/order-9001");
            assertThat(stream).extracting(e -> e.get("eventId")).containsExactly(first, second);
            assertThat(stream).extracting(e -> e.get("streamVersion")).containsExactly(0, 1);
            assertThat(stream.get(0)).containsEntry("stream", "order-9001").containsKey("globalPosition");
        });
        List<Map<String, Object>> all = getArray("/streams/$all?from=0&limit=1000");
        assertThat(all).extracting(e -> e.get("eventId")).contains(first, second);
    }

    @Test
    void anInvalidEventIsRefusedWith400NamingTheFieldAndNothingIsPublished() throws Exception {
        String good = UUID.randomUUID().toString();
        String body = "[" + event(good, "OrderCreated", "9002") + ","
                + "{\"eventId\":\"bad-1\",\"eventType\":\"OrderCreated\",\"timestamp\":\"soon\",\"source\":\"s\",\"data\":{}}]";

        HttpResponse<String> posted = send("POST", "/events", "application/json", body, false);

        assertThat(posted.statusCode()).isEqualTo(400);
        Map<String, Object> answer = JSON.readValue(posted.body(), new TypeReference<>() { });
        assertThat(answer).containsEntry("error", "invalid-events");
        assertThat((String) answer.get("detail")).contains("1 of 2");
        @SuppressWarnings("unchecked")
        Map<String, Object> rejection = ((List<Map<String, Object>>) answer.get("rejected")).get(0);
        assertThat(rejection).containsEntry("index", 1).containsEntry("eventId", "bad-1").containsEntry("stage", "validate");
        assertThat((String) rejection.get("reason")).startsWith("field 'timestamp'");
        assertThat(getArray("/streams/order-9002")).isEmpty();
    }

    @Test
    void backwardReadsOfAllCategoryAndTypeStartAtFromOrAtTheNewest() throws Exception {
        String type = "BackwardRead" + RUN;
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        send("POST", "/events", "application/json", "[" + event(ids.get(0), type, "9003") + ","
                + event(ids.get(1), type, "9003") + "," + event(ids.get(2), type, "9003") + "]", false);
        await().atMost(Duration.ofSeconds(60)).until(() -> getArray("/streams/order-9003").size() == 3);
        List<Number> positions = getArray("/streams/order-9003").stream().map(e -> (Number) e.get("globalPosition")).toList();
        List<Map<String, Object>> forward = getArray("/streams/$all?from=0&limit=1000");

        List<Map<String, Object>> newest = getArray("/streams/$all?direction=backward&limit=2");
        List<Map<String, Object>> fromSecond = getArray("/streams/$all?direction=backward&from=" + positions.get(1) + "&limit=2");

        List<Map<String, Object>> lastTwo = new ArrayList<>(forward.subList(forward.size() - 2, forward.size()));
        Collections.reverse(lastTwo);
        assertThat(newest).extracting(e -> e.get("eventId")).containsExactlyElementsOf(lastTwo.stream().map(e -> e.get("eventId")).toList());
        assertThat(fromSecond).extracting(e -> ((Number) e.get("globalPosition")).longValue())
                .containsExactly(positions.get(1).longValue(), positions.get(1).longValue() - 1);
        assertThat(fromSecond.get(0)).containsEntry("eventId", ids.get(1));
        assertThat(getArray("/streams/$et-" + type + "?direction=backward")).extracting(e -> e.get("eventId"))
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(getArray("/streams/$et-" + type + "?direction=backward&from=" + positions.get(1)))
                .extracting(e -> e.get("eventId")).containsExactly(ids.get(1), ids.get(0));
        assertThat(getArray("/streams/$ce-order?direction=backward&limit=3&from=" + positions.get(2)))
                .extracting(e -> e.get("eventId")).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(getArray("/streams/order-9003?direction=backward")).extracting(e -> e.get("eventId"))
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }

    /** A request the API refuses and what it must answer. */
    record Refused(String method, String path, String contentType, String body, boolean withToken, int status,
                   String error, List<String> detailMentions, String allow) {

        @Override
        public String toString() {
            return method + " " + path + (contentType == null ? "" : " [" + contentType + "]") + " -> " + status + " "
                    + error;
        }
    }

    static Stream<Refused> refusals() {
        String tooBig = "[" + ("{\"pad\":\"" + "x".repeat(1000) + "\"},").repeat(MAX_BODY / 1000 + 10) + "{}]";
        String replay = "/subscriptions/order-shipped/replay";
        return Stream.of(
                // unknown paths and methods, on the API's paths and on Camel's own /observe
                refused("GET", "/no-such-path", 404, "not-found", "/no-such-path"),
                refused("GET", "/observe/no-such-path", 404, "not-found", "/observe/no-such-path"),
                refused("GET", "/streams/", 404, "not-found", "/streams/"),
                refused("GET", "/streams/$no-such-view", 404, "not-found", "$no-such-view", "$all"),
                new Refused("GET", "/events", null, null, false, 405, "method-not-allowed", List.of("POST"), "POST"),
                new Refused("DELETE", "/streams/order-1", null, null, false, 405, "method-not-allowed", List.of("GET"), "GET"),
                new Refused("POST", "/subscriptions", "application/json", "{}", true, 405, "method-not-allowed",
                        List.of("GET"), "GET"),
                // bodies: too large, not JSON, malformed JSON (no parser internals)
                new Refused("POST", "/events", "application/json", tooBig, false, 413, "body-too-large",
                        List.of("camel.server.max-body-size", String.valueOf(MAX_BODY)), null),
                new Refused("POST", "/events", "application/x-www-form-urlencoded", "eventId=1&eventType=x", false, 415,
                        "unsupported-media-type", List.of("application/json", "application/x-www-form-urlencoded"), null),
                new Refused("POST", "/dlq/redrive", "application/x-www-form-urlencoded", "all=true", true, 415,
                        "unsupported-media-type", List.of("application/json"), null),
                new Refused("POST", replay, "text/plain", "{\"fromPosition\": 0}", true, 415, "unsupported-media-type",
                        List.of("text/plain"), null),
                posted("/events", "{\"eventId\": ", 400, "invalid-body", "not valid JSON"),
                posted("/events", "", 400, "invalid-body", "empty"),
                posted(replay, "{\"fromPosition\": ", 400, "invalid-body", "not valid JSON", "line 1"),
                posted("/dlq/redrive", "not json", 400, "invalid-body", "not valid JSON"),
                // query parameters: unknown names, values out of range
                refused("GET", "/streams/$all?direction=sideways", 400, "invalid-parameter", "direction", "sideways",
                        "forward or backward"),
                refused("GET", "/streams/order-1?direction=backward&from=-1", 400, "invalid-parameter", "from", "-1"),
                refused("GET", "/streams/$all?from=abc", 400, "invalid-parameter", "from", "abc"),
                refused("GET", "/streams/order-1?limit=0", 400, "invalid-parameter", "limit", "1000"),
                refused("GET", "/streams/$et-OrderCreated?limit=1001", 400, "invalid-parameter", "limit", "1001"),
                refused("GET", "/streams/order-1?lmit=5", 400, "invalid-parameter", "lmit", "limit"),
                operator("GET", "/dlq?kind=poison", 400, "invalid-parameter", "kind", "poison", "ingest or subscriber"),
                operator("GET", "/dlq?pending=yes", 400, "invalid-parameter", "pending", "true or false"),
                operator("GET", "/dlq?payload=maybe", 400, "invalid-parameter", "payload", "maybe"),
                operator("GET", "/dlq?limit=5000", 400, "invalid-parameter", "limit", "1000"),
                operator("GET", "/subscriptions?verbose=true", 400, "invalid-parameter", "verbose"),
                // the token; unknown subscription; fields of JSON bodies
                refused("GET", "/dlq", 401, "unauthorized", "Authorization: Bearer"),
                posted("/subscriptions/no-such-subscription/replay", "{\"fromPosition\": 0}", 404, "unknown-subscription",
                        "no-such-subscription"),
                posted(replay, "{\"fromPosition\": -1}", 400, "invalid-body", "fromPosition", "-1"),
                posted(replay, "{\"fromPosition\": 1.5}", 400, "invalid-body", "fromPosition", "1.5"),
                posted(replay, "{\"fromTime\": \"yesterday\"}", 400, "invalid-body", "fromTime", "yesterday"),
                posted(replay, "{\"fromPosition\": 0, \"form\": 1}", 400, "invalid-body", "'form'", "fromPosition"),
                posted(replay, "{\"fromPosition\": 0, \"pattern\": {\"eventType\": \"OrderShipped\"}}", 400,
                        "invalid-body", "pattern"),
                posted(replay, "[0]", 400, "invalid-body", "JSON object"),
                posted("/dlq/redrive", "{\"ids\": [\"a\"]}", 400, "invalid-body", "ids", "\"a\""),
                posted("/dlq/redrive", "{\"all\": true, \"kind\": \"poison\"}", 400, "invalid-body", "kind", "poison"),
                posted("/dlq/redrive", "{}", 400, "invalid-body", "ids", "all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRefusalIsJsonWithItsStatusAnErrorCodeAndADetailNamingWhatWasWrong(Refused refused) throws Exception {
        HttpResponse<String> response = send(refused.method(), refused.path(), refused.contentType(), refused.body(),
                refused.withToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(refused.status());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode answer = JSON.readTree(response.body());
        assertThat(fieldNames(answer)).as(response.body()).containsExactly("error", "detail");
        assertThat(answer.get("error").asText()).isEqualTo(refused.error());
        String detail = answer.get("detail").asText();
        assertThat(detail).contains(refused.detailMentions());
        assertThat(detail).doesNotContain("Source:", "REDACTED", "Exception", "com.fasterxml", "\n");
        if (refused.allow() != null) {
            assertThat(response.headers().firstValue("Allow")).hasValue(refused.allow());
        }
        if (refused.status() == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
    }

    @Test
    void anEventWithNoStreamKeyIsRefusedWith400NamingTheStreamExpressionAndTheMissingValue() throws Exception {
        String noKey = "{\"eventId\":\"no-key-1\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"customerId\":\"67890\",\"amount\":10}}";

        HttpResponse<String> posted = send("POST", "/events", "application/json", noKey, false);

        assertThat(posted.statusCode()).isEqualTo(400);
        Map<String, Object> answer = JSON.readValue(posted.body(), new TypeReference<>() { });
        assertThat(answer).containsEntry("error", "invalid-events");
        @SuppressWarnings("unchecked")
        Map<String, Object> rejection = ((List<Map<String, Object>>) answer.get("rejected")).get(0);
        assertThat(rejection).containsEntry("index", 0).containsEntry("eventId", "no-key-1").containsEntry("stage", "stream");
        assertThat((String) rejection.get("reason")).contains("eda.store.stream-expression 'order-${body.data[orderId]}'")
                .contains("${body.data[orderId]}").contains("gave no value");
        assertThat(getArray("/streams/order-")).isEmpty();
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = send("GET", "/observe/health", null, null, false);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    private static Refused refused(String method, String path, int status, String error, String... mentions) {
        return new Refused(method, path, null, null, false, status, error, List.of(mentions), null);
    }

    private static Refused operator(String method, String path, int status, String error, String... mentions) {
        return new Refused(method, path, null, null, true, status, error, List.of(mentions), null);
    }

    private static Refused posted(String path, String body, int status, String error, String... mentions) {
        return new Refused("POST", path, "application/json", body, true, status, error, List.of(mentions), null);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String event(String id, String type, String orderId) {
        return "{\"eventId\":\"" + id + "\",\"eventType\":\"" + type + "\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId + "\",\"amount\":10}}";
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body,
            boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.httpUrl(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Map<String, Object>> getArray(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, null, false);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<>() { });
    }
}
