package io.edarouter.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /events publishes through the broker into the store; GET /streams reads it back. */
class HttpApiIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RouterHarness router;

    @BeforeAll
    static void startRouter() throws Exception {
        router = RouterHarness.start(RouterHarness.onTestServers(RUN, Map.of()));
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void postedEventsAreAcceptedAndReadableFromTheirStreamAndFromAll() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String body = "[" + event(first, "OrderCreated", "9001") + "," + event(second, "OrderPaid", "9001") + "]";

        HttpResponse<String> posted = post("/events", body);

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

        HttpResponse<String> posted = post("/events", body);

        assertThat(posted.statusCode()).isEqualTo(400);
        Map<String, Object> rejection = JSON.<Map<String, List<Map<String, Object>>>>readValue(posted.body(),
                new TypeReference<>() { }).get("rejected").get(0);
        assertThat(rejection).containsEntry("index", 1).containsEntry("eventId", "bad-1").containsEntry("stage", "validate");
        assertThat((String) rejection.get("reason")).startsWith("field 'timestamp'");
        assertThat(getArray("/streams/order-9002")).isEmpty();
    }

    @Test
    void anEventWithNoStreamKeyIsRefusedWith400NamingTheStreamExpressionAndTheMissingValue() throws Exception {
        String noKey = "{\"eventId\":\"no-key-1\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"customerId\":\"67890\",\"amount\":10}}";

        HttpResponse<String> posted = post("/events", noKey);

        assertThat(posted.statusCode()).isEqualTo(400);
        Map<String, Object> rejection = JSON.<Map<String, List<Map<String, Object>>>>readValue(posted.body(),
                new TypeReference<>() { }).get("rejected").get(0);
        assertThat(rejection).containsEntry("index", 0).containsEntry("eventId", "no-key-1").containsEntry("stage", "stream");
        assertThat((String) rejection.get("reason")).contains("eda.store.stream-expression 'order-${body.data[orderId]}'")
                .contains("${body.data[orderId]}").contains("gave no value");
        assertThat(getArray("/streams/order-")).isEmpty();
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/observe/health"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    private static String event(String id, String type, String orderId) {
        return "{\"eventId\":\"" + id + "\",\"eventType\":\"" + type + "\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId + "\",\"amount\":10}}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Map<String, Object>> getArray(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<>() { });
    }
}
