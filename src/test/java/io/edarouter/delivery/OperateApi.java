package io.edarouter.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's HTTP API as an operator's script calls it. */
final class OperateApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RouterHarness router;

    OperateApi(RouterHarness router) {
        this.router = router;
    }

    /**
     * The run with the shipped routes and the billing and audit subscribers of
     * {@code classpath:subscribers/billing-and-audit.camel.yaml}, billing's dead letters going to
     * {@code billingDeadLetterTopic}. The test adds the routes behind {@code direct:billing-endpoint} and
     * {@code direct:audit-endpoint}.
     */
    static RouterRun withBillingAndAudit(RouterRun run, String billingDeadLetterTopic) {
        return run.with(Map.of(
                "camel.main.routes-include-pattern",
                "file:routes/*.camel.yaml,classpath:subscribers/billing-and-audit.camel.yaml",
                "test.billing.dead-letter-topic", billingDeadLetterTopic));
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Object> postForObject(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
        return JSON.readValue(response.body(), new TypeReference<>() { });
    }

    List<Map<String, Object>> getArray(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), new TypeReference<>() { });
    }

    static String event(String id, String orderId, int amount) {
        return "{\"eventId\":\"" + id + "\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId + "\",\"amount\":" + amount + "}}";
    }
}
