package io.edarouter.schema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schema registry as users drive it, on one database (the subclasses: PostgreSQL, the embedded default H2): a
 * schema file registered at start, versions registered with PUT, an incompatible one refused with 409 in each
 * compatibility mode set per type (BACKWARD, FORWARD, FULL, NONE), a version never changed once registered, and events
 * validated at the door, through POST /events and through Kafka (the dead letter on the topic and in GET /dlq).
 */
abstract class SchemaRegistryContract {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String TOKEN = "schema-test-token";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER_V1 = """
            {"type":"object","required":["orderId","amount"],
             "properties":{"orderId":{"type":"string"},"amount":{"type":"number","minimum":0}}}""";

    static RouterRun run;
    static RouterHarness router;
    static Path schemasDir;

    /** Starts the router on {@code keys} (the database's), with OrderCreated version 1 as a file. */
    static void startRouter(RouterRun theRun, Map<String, String> keys) throws Exception {
        run = theRun;
        schemasDir = Files.createTempDirectory(Path.of(System.getProperty("basedir", "."), "target"), "it-schemas-");
        Files.createDirectories(schemasDir.resolve("OrderCreated"));
        Files.writeString(schemasDir.resolve("OrderCreated/1.json"), ORDER_V1);
        Map<String, String> all = new java.util.LinkedHashMap<>(keys);
        all.put("eda.schemas.dir", schemasDir.toString());
        all.put("eda.schemas.reload-interval", "200");
        all.put("eda.http.token", TOKEN);
        // a type of its own with no schema files: nothing of it may pass without one
        all.put("eda.schemas.mode.StrictThing", "registered-only");
        all.put("eda.schemas.compatibility.Refund", "FORWARD");
        all.put("eda.schemas.compatibility.Note", "NONE");
        all.put("eda.schemas.compatibility.Invoice", "FULL");
        router = RouterHarness.start(all);
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void aSchemaFileIsRegisteredAtStartAndServed() throws Exception {
        HttpResponse<String> version = get("/schemas/OrderCreated/1");
        assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
        assertThat(JSON.readTree(version.body())).isEqualTo(JSON.readTree(ORDER_V1));
        HttpResponse<String> list = get("/schemas");
        assertThat(JSON.readTree(list.body()).path("eventTypes").findValuesAsText("eventType")).contains("OrderCreated");
        HttpResponse<String> type = get("/schemas/OrderCreated");
        assertThat(JSON.readTree(type.body()).path("versions").get(0).path("origin").asText()).isEqualTo("file");
    }

    @Test
    void putRegistersTheNextVersionOnceAndRefusesAnIncompatibleOne() throws Exception {
        String type = "Shipment" + UUID.randomUUID().toString().substring(0, 6);
        String v1 = """
                {"type":"object","required":["weight"],"properties":{"weight":{"type":"number"}}}""";
        String v2 = """
                {"type":"object","required":["weight"],"properties":{"weight":{"type":"number"},
                 "carrier":{"type":"string"}}}""";
        String retyped = """
                {"type":"object","required":["weight"],"properties":{"weight":{"type":"string"}}}""";

        assertThat(put(type, v1, TOKEN).statusCode()).isEqualTo(201);
        HttpResponse<String> second = put(type, v2, TOKEN);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(JSON.readTree(second.body()).path("version").asInt()).isEqualTo(2);
        // the same schema again registers nothing
        HttpResponse<String> again = put(type, v2, TOKEN);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("version").asInt()).isEqualTo(2);

        HttpResponse<String> refused = put(type, retyped, TOKEN);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode answer = JSON.readTree(refused.body());
        assertThat(answer.path("error").asText()).isEqualTo("incompatible-schema");
        assertThat(answer.path("compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(answer.path("changes").findValuesAsText("pointer")).contains("/weight");
        assertThat(JSON.readTree(get("/schemas/" + type).body()).path("versions")).hasSize(2);

        assertThat(put(type, v2, null).statusCode()).as("a write without the operate token").isEqualTo(401);
        assertThat(put(type, "{\"type\":\"strnig\"}", TOKEN).statusCode()).as("an invalid schema").isEqualTo(400);
    }

    @Test
    void eachTypeIsCheckedInItsOwnCompatibilityMode() throws Exception {
        String v1 = "{\"type\":\"object\",\"required\":[\"amount\",\"reason\"],"
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"reason\":{\"type\":\"string\"}}}";
        // no longer requires reason: old consumers (FORWARD) would miss it
        String optionalReason = "{\"type\":\"object\",\"required\":[\"amount\"],"
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"reason\":{\"type\":\"string\"}}}";
        String retyped = "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"string\"}}}";
        assertThat(put("Refund", v1, TOKEN).statusCode()).isEqualTo(201);
        HttpResponse<String> forward = put("Refund", optionalReason, TOKEN);
        assertThat(forward.statusCode()).as(forward.body()).isEqualTo(409);
        assertThat(JSON.readTree(forward.body()).path("compatibility").asText()).isEqualTo("FORWARD");
        assertThat(JSON.readTree(forward.body()).path("changes").findValuesAsText("pointer")).contains("/reason");

        assertThat(put("Note", v1, TOKEN).statusCode()).isEqualTo(201);
        assertThat(put("Note", retyped, TOKEN).statusCode()).as("NONE accepts any change").isEqualTo(201);
    }

    @Test
    void fullRefusesWhatEitherDirectionRefusesAndRegistersAnOptionalProperty() throws Exception {
        String v1 = "{\"type\":\"object\",\"required\":[\"amount\",\"currency\"],"
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"}}}";
        // backward- but not forward-compatible: new readers take old data, old readers may miss currency
        String optionalCurrency = "{\"type\":\"object\",\"required\":[\"amount\"],"
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"}}}";
        // forward- but not backward-compatible: old readers take new data, old data lacks dueDate
        String requiredDueDate = "{\"type\":\"object\",\"required\":[\"amount\",\"currency\",\"dueDate\"],"
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"},"
                + "\"dueDate\":{\"type\":\"string\"}}}";
        String optionalDueDate = "{\"type\":\"object\",\"required\":[\"amount\",\"currency\"],"
                + "\"properties\":{\"amount\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"},"
                + "\"dueDate\":{\"type\":\"string\"}}}";
        assertThat(put("Invoice", v1, TOKEN).statusCode()).isEqualTo(201);

        assertRefusedUnderFull(put("Invoice", optionalCurrency, TOKEN), "/currency", "field no longer required");
        assertRefusedUnderFull(put("Invoice", requiredDueDate, TOKEN), "/dueDate", "required field added");

        HttpResponse<String> compatible = put("Invoice", optionalDueDate, TOKEN);
        assertThat(compatible.statusCode()).as(compatible.body()).isEqualTo(201);
        assertThat(JSON.readTree(compatible.body()).path("version").asInt()).as("the refused ones took no version")
                .isEqualTo(2);
    }

    private static void assertRefusedUnderFull(HttpResponse<String> refused, String pointer, String change)
            throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        JsonNode answer = JSON.readTree(refused.body());
        assertThat(answer.path("error").asText()).isEqualTo("incompatible-schema");
        assertThat(answer.path("compatibility").asText()).isEqualTo("FULL");
        assertThat(answer.path("changes")).hasSize(1);
        assertThat(answer.path("changes").get(0).path("pointer").asText()).isEqualTo(pointer);
        assertThat(answer.path("changes").get(0).path("change").asText()).isEqualTo(change);
    }

    @Test
    void aRegisteredVersionNeverChanges() throws Exception {
        Files.writeString(schemasDir.resolve("OrderCreated/1.json"),
                "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"string\"}}}");
        // a version added beside it is taken up by the same reload that sees the changed file
        Files.writeString(schemasDir.resolve("OrderCreated/5.json"), """
                {"type":"object","required":["orderId","amount"],
                 "properties":{"orderId":{"type":"string"},"amount":{"type":"number","minimum":0},
                               "note":{"type":"string"}}}""");
        await().atMost(TIMEOUT).until(() -> get("/schemas/OrderCreated/5").statusCode() == 200);
        assertThat(JSON.readTree(get("/schemas/OrderCreated/1").body())).isEqualTo(JSON.readTree(ORDER_V1));
        Files.writeString(schemasDir.resolve("OrderCreated/1.json"), ORDER_V1);
    }

    @Test
    void postEventsRefusesDataThatBreaksTheSchemaNamingPointerAndRule() throws Exception {
        HttpResponse<String> refused = post(order(UUID.randomUUID().toString(), "\"12.50\"", "1"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode rejection = JSON.readTree(refused.body()).path("rejected").get(0);
        assertThat(rejection.path("stage").asText()).isEqualTo("schema");
        assertThat(rejection.path("pointer").asText()).isEqualTo("/amount");
        assertThat(rejection.path("rule").asText()).isEqualTo("type");
        assertThat(rejection.path("reason").asText()).contains("OrderCreated", "version 1", "/amount");

        HttpResponse<String> unknown = post("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"StrictThing\","
                + "\"timestamp\":\"2026-11-30T00:00:00Z\",\"source\":\"it\",\"subject\":\"s-1\",\"data\":{}}");
        assertThat(unknown.statusCode()).as("a type without schema in mode registered-only").isEqualTo(400);
        assertThat(unknown.body()).contains("no registered schema");

        String good = UUID.randomUUID().toString();
        HttpResponse<String> accepted = post(order(good, "12.50", null));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(TIMEOUT).until(() -> !router.storedWithId(good).isEmpty());
    }

    @Test
    void aKafkaRecordThatBreaksTheSchemaIsDeadLetteredAsSentWithPointerAndRule() throws Exception {
        String bad = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        byte[] badBytes = order(bad, "-3", "1").getBytes(StandardCharsets.UTF_8);
        run.kafka().topics().send(run.input(), "o-1", badBytes);
        run.kafka().topics().send(run.input(), "o-1", order(good, "3", "1").getBytes(StandardCharsets.UTF_8));

        await().atMost(TIMEOUT).until(() -> !router.storedWithId(good).isEmpty());
        List<ConsumerRecord<String, byte[]>> letters = run.kafka().topics().awaitRecord(run.deadLetter(),
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(bad), TIMEOUT);
        ConsumerRecord<String, byte[]> letter = letters.stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(bad)).findFirst().orElseThrow();
        assertThat(letter.value()).as("the original bytes").isEqualTo(badBytes);
        assertThat(header(letter, "eda-error-stage")).isEqualTo("schema");
        assertThat(header(letter, "eda-error-pointer")).isEqualTo("/amount");
        assertThat(header(letter, "eda-error-rule")).isEqualTo("minimum");
        assertThat(router.storedWithId(bad)).isEmpty();

        // the same letter, recorded in the store's dead-letter log, as GET /dlq lists it
        JsonNode listed = await().atMost(TIMEOUT).until(() -> deadLetterWithEventId(bad), entry -> entry != null);
        assertThat(listed.path("kind").asText()).isEqualTo("ingest");
        assertThat(listed.path("stage").asText()).isEqualTo("schema");
        assertThat(listed.path("reason").asText()).contains("OrderCreated", "/amount");
        assertThat(listed.path("headers").path("eda-error-pointer").asText()).isEqualTo("/amount");
        assertThat(listed.path("headers").path("eda-error-rule").asText()).isEqualTo("minimum");
        assertThat(listed.path("source").path("topic").asText()).isEqualTo(run.input());
    }

    static String order(String eventId, String amount, String schemaVersion) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2026-11-30T00:00:00Z\","
                + "\"source\":\"it\",\"subject\":\"order-o-1\"" + (schemaVersion == null ? ""
                : ",\"schemaVersion\":\"" + schemaVersion + "\"")
                + ",\"data\":{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":" + amount + "}}";
    }

    /** The entry of {@code GET /dlq?kind=ingest} for the event {@code eventId}, or null while there is none. */
    private static JsonNode deadLetterWithEventId(String eventId) throws Exception {
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/dlq?kind=ingest&limit=1000")))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode entry : JSON.readTree(list.body())) {
            if (eventId.equals(entry.path("eventId").asText())) {
                return entry;
            }
        }
        return null;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/events")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(String type, String schema, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.httpUrl("/schemas/" + type)))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(schema));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
