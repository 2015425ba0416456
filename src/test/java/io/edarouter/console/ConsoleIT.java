package io.edarouter.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.testsupport.ConsoleBrowser;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.UserFolderRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.event.ruler.Machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console in a real browser (headless chromium) against the router as a user runs it: the jar in a folder of
 * its own on the embedded default (Kafka and H2), with a token set and one store-driven subscriber added to the
 * shipped routes. One router and one browser tab serve the tests, in order; each view is saved as a screenshot under
 * {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String TOKEN = "console-" + UUID.randomUUID();
    /** An event type that must have a schema: one sent before its schema is registered is dead-lettered. */
    private static final String GUARDED_TYPE = "ShipmentRequested";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration STORED = Duration.ofSeconds(60);

    private static UserFolderRouter router;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void startRouterAndBrowser() throws IOException {
        browser = ConsoleBrowser.start();
        router = UserFolderRouter.inNewFolder("console").property("eda.http.token", TOKEN)
                .property("eda.schemas.mode." + GUARDED_TYPE, "registered-only");
        Files.copy(resource("billing-subscriber.camel.yaml"),
                router.folder().resolve("routes").resolve("billing-subscriber.camel.yaml"));
        router.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (router != null) {
            router.stop();
        }
    }

    @Test
    @Order(1)
    void withATokenSetTheApiRefusesCallsWithoutItAndTheConsoleAsksForIt() throws Exception {
        assertThat(api("GET", "/subscriptions", null, null).statusCode()).isEqualTo(401);
        assertThat(api("GET", "/dlq", null, null).statusCode()).isEqualTo(401);

        browser.open(router.httpUrl("/console/#subscriptions"));
        WebElement tokenInput = browser.await(By.id("token-input"));
        browser.screenshot("token");
        tokenInput.sendKeys(TOKEN);
        browser.driver().findElement(By.id("token-submit")).click();

        WebElement billing = browser.await(By.cssSelector("#subscriptions-table tr[data-subscription='billing']"));
        assertThat(billing.getText()).contains("$ce-order");
        assertThat(browser.driver().findElement(By.id("token-dialog")).isDisplayed()).isFalse();
        browser.screenshot("subscriptions");
    }

    @Test
    @Order(2)
    void anEventPostedThroughTheApiAppearsInTheLiveTailAndItsJourneyShowsItsPositionAndSubscribers() throws Exception {
        browser.open(router.httpUrl("/console/#events?live=true"));
        browser.await(By.cssSelector("#live-state[data-state='live']"));
        String orderId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        // over the fraud-review threshold: routes/subscribers.yaml sends it to inventory and to fraud-review
        assertThat(api("POST", "/events", order(eventId, orderId, 1500), null).statusCode()).isEqualTo(202);

        WebElement tailed = browser.await(By.cssSelector("#live-table tr[data-event-id='" + eventId + "']"));
        browser.driver().findElement(By.id("events-go")).click();
        browser.await(By.cssSelector("#events-table tr[data-event-id='" + eventId + "']"));
        browser.screenshot("events");
        Map<String, Object> stored = storedEvents("/streams/order-" + orderId).get(0);

        tailed.findElement(By.cssSelector("a.event-id")).click();
        // the journey reads itself again while a copy or a delivery is on its way: once billing has it, it is whole
        browser.await(By.cssSelector("#journey-subscriptions tr[data-subscription='billing'][data-delivered='true']"));
        assertThat(browser.driver().findElement(By.id("journey-position")).getText())
                .isEqualTo(String.valueOf(stored.get("globalPosition")));
        assertThat(browser.driver().findElement(By.id("journey-stream")).getText()).isEqualTo("order-" + orderId);
        // a batch dispatched again (after a failure) records its copies again
        List<String> subscribers = browser.driver()
                .findElements(By.cssSelector("#journey-dispatch tr[data-subscriber]")).stream()
                .map(row -> row.getAttribute("data-subscriber")).distinct().toList();
        assertThat(subscribers).containsExactlyInAnyOrder("inventory", "fraud-review");
        browser.screenshot("journey");
    }

    @Test
    @Order(3)
    void aDeadLetterRedrivenFromTheConsoleEndsStored() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String stream = "shipment-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] event = ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"" + GUARDED_TYPE + "\",\"timestamp\":"
                + "\"2024-01-01T00:00:00Z\",\"source\":\"shipping\",\"subject\":\"" + stream + "\","
                + "\"data\":{\"shipmentId\":\"" + stream + "\"}}").getBytes(StandardCharsets.UTF_8);
        new KafkaTopics(router.embeddedKafkaBootstrapServers()).send("order-events", stream, event);
        await("dead-lettered at stage schema").atMost(STORED).until(() -> api("GET", "/dlq?kind=ingest", null, TOKEN)
                .body().contains(eventId));
        // the cause fixed: the type gets its schema
        assertThat(api("PUT", "/schemas/" + GUARDED_TYPE, Files.readString(resource("shipment-requested.json")), TOKEN)
                .statusCode()).isEqualTo(201);

        browser.open(router.httpUrl("/console/#dead-letters"));
        WebElement row = browser.await(By.cssSelector("#dlq-table tr[data-event-id='" + eventId + "']"));
        assertThat(row.getText()).contains("schema");
        row.findElement(By.cssSelector("input.dlq-select")).click();
        browser.screenshot("dead-letters");
        browser.driver().findElement(By.id("redrive-selected")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("redrive-result"),
                "Redriven: " + row.getAttribute("data-id")));

        await("stored once redriven").atMost(STORED).untilAsserted(() -> assertThat(storedEvents("/streams/" + stream))
                .extracting(e -> e.get("eventId")).containsExactly(eventId));
    }

    @Test
    @Order(4)
    void aPatternTypedInTheRulePreviewListsTheStoredEventsItMatches() throws Exception {
        List<String> posted = new ArrayList<>();
        for (int amount : new int[] {50, 700, 1200, 300, 900, 2500}) {
            String eventId = UUID.randomUUID().toString();
            api("POST", "/events", order(eventId, "preview-" + eventId.substring(0, 8), amount), null);
            posted.add(eventId);
        }
        await("all stored").atMost(STORED).until(() -> storedEvents("/streams/$all?direction=backward&limit=1000")
                .stream().map(e -> e.get("eventId")).toList().containsAll(posted));
        int last = 10;
        String pattern = Files.readString(resource("preview-pattern.json"));
        Machine machine = new Machine();
        machine.addRule("candidate", pattern);
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> stored : storedEvents("/streams/$all?direction=backward&limit=" + last)) {
            if (!machine.rulesForJSONEvent(JSON.writeValueAsString(stored)).isEmpty()) {
                expected.add((String) stored.get("eventId"));
            }
        }
        assertThat(expected).as("the candidate matches some of the last %d events, not all", last)
                .isNotEmpty().hasSizeLessThan(last);

        browser.open(router.httpUrl("/console/#rules"));
        browser.await(By.cssSelector("#rules-subscribers tr[data-subscriber='inventory']"));
        assertThat(browser.driver().findElement(By.id("rules-file")).getText()).isEqualTo("routes/subscribers.yaml");
        // the tester's example order (99.99): inventory takes it, fraud-review (over 1000) does not
        browser.driver().findElement(By.id("tester-submit")).click();
        assertThat(browser.await(By.cssSelector("#tester-table tr[data-subscriber='inventory']"))
                .getAttribute("data-matched")).isEqualTo("true");
        assertThat(browser.driver().findElement(By.cssSelector("#tester-table tr[data-subscriber='fraud-review']"))
                .getText()).contains("data.amount");

        browser.driver().findElement(By.id("preview-pattern")).sendKeys(pattern);
        WebElement lastField = browser.driver().findElement(By.id("preview-last"));
        lastField.clear();
        lastField.sendKeys(String.valueOf(last));
        browser.driver().findElement(By.id("preview-submit")).click();

        browser.await(By.id("preview-summary"));
        List<String> listed = browser.driver().findElements(By.cssSelector("#preview-table tr[data-candidate='true']"))
                .stream().map(row -> row.getAttribute("data-event-id")).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
        browser.screenshot("rules");
    }

    @Test
    @Order(5)
    void theEventsViewPagesOlderAndNewerNewestFirst() throws Exception {
        List<Object> newest = storedEvents("/streams/$all?direction=backward&limit=6").stream()
                .map(e -> e.get("eventId")).toList();
        browser.open(router.httpUrl("/console/#events?limit=3"));
        assertThat(shownEventIds()).isEqualTo(newest.subList(0, 3));
        browser.driver().findElement(By.id("events-older")).click();
        browser.waiting().until(driver -> shownEventIds().equals(newest.subList(3, 6)));
        browser.driver().findElement(By.id("events-newer")).click();
        browser.waiting().until(driver -> shownEventIds().equals(newest.subList(0, 3)));
    }

    @Test
    @Order(6)
    void theOverviewShowsEventsFlowingInAndOutAndTheStoreHead() throws Exception {
        browser.open(router.httpUrl("/console/#overview"));
        browser.await(By.cssSelector("#ov-in .card-value"));
        StringBuilder batch = new StringBuilder("[");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String eventId = UUID.randomUUID().toString();
            batch.append(i == 0 ? "" : ",").append(order(eventId, "overview-" + eventId.substring(0, 8), 10 * i));
            posted.add(eventId);
        }
        assertThat(api("POST", "/events", batch.append(']').toString(), null).statusCode()).isEqualTo(202);

        // the rates are the router's over its last seconds, the page refreshes itself: both show the batch
        browser.waiting().until(driver -> rate(driver.findElement(By.cssSelector("#ov-in .card-value")).getText()) > 0
                && rate(driver.findElement(By.cssSelector("#ov-out .card-value")).getText()) > 0);
        browser.screenshot("overview");
        await("all stored").atMost(STORED).until(() -> storedEvents("/streams/$all?direction=backward&limit=1000")
                .stream().map(e -> e.get("eventId")).toList().containsAll(posted));
        // the head: the position the next event gets
        long head = ((Number) storedEvents("/streams/$all?direction=backward&limit=1").get(0).get("globalPosition"))
                .longValue() + 1;
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#ov-head .card-value"), String.valueOf(head)));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#ov-ready .card-value"), "UP"));
    }

    /** The eventIds of the Events view's page, top to bottom, once it shows one. */
    private static List<Object> shownEventIds() {
        return browser.awaitAll(By.cssSelector("#events-table tr[data-event-id]")).stream()
                .map(row -> (Object) row.getAttribute("data-event-id")).toList();
    }

    /** A rate as the overview shows it; "…" (no second sample yet) as none. */
    private static double rate(String shown) {
        return shown.matches("[0-9.]+") ? Double.parseDouble(shown) : 0;
    }

    private static String order(String eventId, String orderId, int amount) {
        return "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"order-service\",\"data\":{\"orderId\":\"" + orderId + "\",\"customerId\":\"67890\","
                + "\"amount\":" + amount + "}}";
    }

    private static List<Map<String, Object>> storedEvents(String path) throws Exception {
        return JSON.readValue(api("GET", path, null, null).body(), new TypeReference<>() { });
    }

    private static HttpResponse<String> api(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.httpUrl(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path resource(String name) {
        try {
            return Path.of(ConsoleIT.class.getResource("/console/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
