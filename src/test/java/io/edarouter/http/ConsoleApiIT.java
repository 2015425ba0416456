package io.edarouter.http;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.event.ruler.Machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console's API through the router's HTTP port: events posted with {@code POST /events} show their journey
 * (where they arrived, their stored position, the subscribers dispatch sent them to), are found by a pattern search
 * as event-ruler matches them, arrive on the live tail, and are what the rule tester and preview judge; the operate
 * token guards it all.
 */
class ConsoleApiIT {

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String TOKEN = "it-" + RUN.id();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN.with("eda.http.token", TOKEN));

    @Test
    void theJourneyShowsWhereTheEventArrivedItsStoredPositionAndTheSubscribersItWentTo() throws Exception {
        String id = UUID.randomUUID().toString();
        String orderId = "j-" + RUN.id();
        post(event(id, "OrderCreated", orderId, 5000)); // inventory (OrderCreated) and fraud-review (amount > 1000)

        JsonNode journey = await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> answer = get("/events/" + id + "/journey", true);
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        }, node -> node != null && node.get("dispatch").size() == 2);

        JsonNode stored = get("/streams/order-" + orderId);
        assertThat(stored).hasSize(1);
        assertThat(journey.get("stored").get("globalPosition").asLong()).isEqualTo(stored.get(0).get("globalPosition").asLong());
        assertThat(journey.get("stored").get("stream").asText()).isEqualTo("order-" + orderId);
        assertThat(journey.get("received").get("system").asText()).isEqualTo("kafka");
        assertThat(journey.get("received").get("topic").asText()).isEqualTo(RUN.input());
        assertThat(journey.get("dispatch")).extracting(d -> d.get("subscriber").asText())
                .containsExactlyInAnyOrder("inventory", "fraud-review");
        assertThat(journey.get("dispatch")).extracting(d -> d.get("outcome").asText()).containsOnly("sent");
        assertThat(get("/events/" + id)).isEqualTo(stored.get(0));
        HttpResponse<String> unknown = get("/events/" + UUID.randomUUID() + "/journey", true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("not-found");
    }

    @Test
    void aPatternSearchFindsWhatEventRulerMatchesPageByPageBothWays() throws Exception {
        String orderId = "s-" + RUN.id();
        List<String> ids = new ArrayList<>();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            batch.append(i == 0 ? "" : ",").append(event(id, i % 3 == 0 ? "OrderPaid" : "OrderCreated", orderId, i * 250));
        }
        post(batch.append(']').toString());
        String stream = "/streams/order-" + orderId;
        await().atMost(Duration.ofSeconds(60)).until(() -> get(stream).size() == ids.size());
        String pattern = "{\"eventType\": [\"OrderCreated\"], \"data\": {\"amount\": [{\"numeric\": [\">=\", 1000]}]}}";
        Machine machine = new Machine();
        machine.addRule("expected", pattern);
        List<String> expected = new ArrayList<>();
        for (JsonNode event : get(stream)) {
            if (!machine.rulesForJSONEvent(event.toString()).isEmpty()) {
                expected.add(event.get("eventId").asText());
            }
        }
        assertThat(expected).isNotEmpty();

        List<String> forward = new ArrayList<>();
        String next = "0";
        boolean end = false;
        while (!end) {
            JsonNode page = get(stream + "?limit=2&scan=5&from=" + next + "&pattern=" + encode(pattern));
            page.get("events").forEach(e -> forward.add(e.get("eventId").asText()));
            next = page.get("next").asText();
            end = page.get("end").asBoolean();
        }
        assertThat(forward).isEqualTo(expected);

        List<String> backward = new ArrayList<>();
        JsonNode page = get(stream + "?direction=backward&limit=2&pattern=" + encode(pattern));
        while (true) {
            page.get("events").forEach(e -> backward.add(e.get("eventId").asText()));
            if (page.get("end").asBoolean()) {
                break;
            }
            page = get(stream + "?direction=backward&limit=2&from=" + page.get("next").asText() + "&pattern=" + encode(pattern));
        }
        List<String> newestFirst = new ArrayList<>(expected);
        java.util.Collections.reverse(newestFirst);
        assertThat(backward).isEqualTo(newestFirst);
    }

    @Test
    void theLiveTailSendsANewlyStoredEvent() throws Exception {
        String id = UUID.randomUUID().toString();
        String orderId = "l-" + RUN.id();
        String pattern = "{\"data\": {\"orderId\": [\"" + orderId + "\"]}}";
        // EventSource's way: the token as a query parameter
        HttpRequest request = HttpRequest.newBuilder(URI.create(router.httpUrl("/events/live?token=" + encode(TOKEN)
                + "&pattern=" + encode(pattern)))).build();
        HttpResponse<InputStream> live = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the connection closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
            post(event(UUID.randomUUID().toString(), "OrderCreated", "other-" + RUN.id(), 1));
            post(event(id, "OrderCreated", orderId, 1));

            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(line -> line.contains(id)));
            List<JsonNode> data = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("data: ")) {
                    data.add(JSON.readTree(line.substring("data: ".length())));
                }
            }
            assertThat(data).extracting(e -> e.get("eventId").asText()).containsExactly(id);
            assertThat(data.get(0).get("globalPosition").asLong())
                    .isEqualTo(get("/events/" + id).get("globalPosition").asLong());
        } finally {
            live.body().close();
        }
    }

    @Test
    void theRuleTesterSaysWhichSubscribersMatchAndWhyNotAndThePreviewJudgesTheNewestEvents() throws Exception {
        JsonNode rules = get("/rules");
        assertThat(rules.get("subscribers")).extracting(s -> s.get("name").asText()).containsExactly("inventory", "fraud-review");
        assertThat(rules.get("errors")).isEmpty();

        JsonNode tested = JSON.readTree(send("POST", "/rules/test",
                "{\"event\": " + event("t-1", "OrderPaid", "t", 5000) + "}", true).body());
        assertThat(tested.get("subscribers").get(0).get("name").asText()).isEqualTo("inventory");
        assertThat(tested.get("subscribers").get(0).get("matched").asBoolean()).isFalse();
        assertThat(tested.get("subscribers").get(0).get("why").get("field").asText()).isEqualTo("eventType");
        assertThat(tested.get("subscribers").get(0).get("why").get("value").asText()).isEqualTo("OrderPaid");
        assertThat(tested.get("subscribers").get(1).get("matched").asBoolean()).isTrue();

        String id = UUID.randomUUID().toString();
        String orderId = "p-" + RUN.id();
        post(event(id, "OrderPaid", orderId, 10));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/events/" + id, true).statusCode() == 200);
        JsonNode preview = JSON.readTree(send("POST", "/rules/preview",
                "{\"pattern\": {\"data\": {\"orderId\": [\"" + orderId + "\"]}}, \"last\": 50}", true).body());
        JsonNode newest = preview.get("events").get(0);
        assertThat(newest.get("eventId").asText()).isEqualTo(id);
        assertThat(newest.get("candidate").asBoolean()).isTrue();
        assertThat(newest.get("subscribers")).isEmpty(); // OrderPaid of 10: neither inventory nor fraud-review
        assertThat(preview.get("candidateMatches").asInt()).isEqualTo(1);
    }

    @Test
    void theConsoleEndpointsNeedTheToken() throws Exception {
        for (String path : List.of("/events/x/journey", "/rules", "/overview", "/events/live")) {
            assertThat(get(path, false).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(send("POST", "/rules/test", "{\"event\": {}}", false).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/rules/preview", "{\"pattern\": {}}", false).statusCode()).isEqualTo(401);
        assertThat(get("/events/live?token=wrong", false).statusCode()).isEqualTo(401);
        JsonNode overview = get("/overview");
        assertThat(overview.get("headPosition").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(overview.get("readiness").get("status").asText()).isEqualTo("UP");
    }

    private static String event(String id, String type, String orderId, int amount) {
        return "{\"eventId\":\"" + id + "\",\"eventType\":\"" + type + "\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}}";
    }

    private static void post(String events) throws Exception {
        assertThat(send("POST", "/events", events, false).statusCode()).isEqualTo(202);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = get(path, true);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> get(String path, boolean withToken) throws Exception {
        return send("GET", path, null, withToken);
    }

    private static HttpResponse<String> send(String method, String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.httpUrl(path)))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (withToken) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
