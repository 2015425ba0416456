package io.edarouter.enrich;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edarouter.event.Event;
import io.edarouter.event.InvalidEventException;
import io.edarouter.store.EventFixtures;
import io.edarouter.store.RecordedEvent;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lookups through Camel's http: component against an HTTP server on localhost, then an append to the
 * event store on PostgreSQL: what is stored is the enriched event; the cache asks the server once per key
 * within the time-to-live; a timeout follows the enricher's failure policy.
 */
class HttpLookupEnrichmentIT {

    private static final String ENRICH = "eda-enrich:lookup?field=customer&key=${body.data[customerId]}"
            + "&uri=RAW(http://127.0.0.1:%d/customers/${header.EdaLookupKey})&timeout=300";

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch slowAnswers = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer server;
    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onPostgres().beforeStart(this::lookupRoutes);

    /** The routes under test, against an HTTP server started for them. */
    private void lookupRoutes(CamelContext context) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/customers/", this::answer);
        server.setExecutor(serverThreads);
        server.start();
        int port = server.getAddress().getPort();

        String lookup = String.format(ENRICH, port);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(InvalidEventException.class).handled(true).useOriginalMessage().to("mock:dead-letter");
                from("direct:cached").routeId("cached").to(lookup + "&cacheTtl=60s").to("direct:store");
                from("direct:short-ttl").routeId("short-ttl").to(lookup + "&cacheTtl=200").to("direct:store");
                from("direct:continue").routeId("continue").to(lookup + "&onFailure=continue").to("direct:store");
                from("direct:dead-letter").routeId("dead-letter").to(lookup + "&onFailure=dead-letter").to("direct:store");
                from("direct:store").to("eventstore:$all?streamExpression=RAW(order-${body.data[orderId]})");
            }
        });
    }

    @AfterEach
    void stop() {
        slowAnswers.countDown();
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    /** {"customerId": id, "name": "Customer id"}; ids starting with "slow" answer only when the test ends. */
    private void answer(HttpExchange http) throws IOException {
        String id = http.getRequestURI().getPath().substring("/customers/".length());
        requests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (id.startsWith("slow")) {
            try {
                slowAnswers.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = ("{\"customerId\":\"" + id + "\",\"name\":\"Customer " + id + "\"}").getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().add("Content-Type", "application/json");
        http.sendResponseHeaders(200, body.length);
        http.getResponseBody().write(body);
        http.close();
    }

    @Test
    void cachedLookupsAskTheServerOncePerKeyAndTheEnrichedEventIsStored() {
        String a = "a-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        List<Event> events = List.of(order(a), order(a), order(b), order(a), order(b));

        events.forEach(event -> camel.template().sendBody("direct:cached", event));

        assertThat(requests.get(a)).hasValue(1);
        assertThat(requests.get(b)).hasValue(1);
        for (Event event : events) {
            String customer = event.data().get("customerId").textValue();
            assertThat(stored(event.eventId()).data().get("customer")).isEqualTo(
                    Event.readJson("{\"customerId\": \"" + customer + "\", \"name\": \"Customer " + customer + "\"}"));
        }
    }

    @Test
    void afterTheTimeToLiveTheServerIsAskedAgain() {
        String c = "c-" + UUID.randomUUID();
        camel.template().sendBody("direct:short-ttl", order(c));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            camel.template().sendBody("direct:short-ttl", order(c));
            assertThat(requests.get(c)).hasValue(2);
        });
    }

    @Test
    void aTimeoutUnderContinueStoresTheEventWithoutTheFieldAndMarked() {
        Event event = order("slow-" + UUID.randomUUID());

        camel.template().sendBody("direct:continue", event);

        Event stored = stored(event.eventId());
        assertThat(stored.data().has("customer")).isFalse();
        assertThat(stored.metadata().get("enrichment")).isEqualTo(Event.readJson("{\"customer\": \"failed\"}"));
    }

    @Test
    void aTimeoutUnderDeadLetterSendsTheOriginalToTheDeadLetterAndStoresNothing() {
        Event event = order("slow-" + UUID.randomUUID());

        camel.template().sendBody("direct:dead-letter", event);

        MockEndpoint dead = camel.context().getEndpoint("mock:dead-letter", MockEndpoint.class);
        assertThat(dead.getExchanges()).singleElement().satisfies(e -> {
            assertThat(e.getMessage().getBody()).isEqualTo(event);
            assertThat(e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, InvalidEventException.class))
                    .satisfies(x -> assertThat(x.getStage()).isEqualTo("enrich"))
                    .hasMessageContaining("timeout");
        });
        assertThat(storedWithId(event.eventId())).isEmpty();
    }

    private static Event order(String customerId) {
        String id = UUID.randomUUID().toString();
        return EventFixtures.event(id, "OrderCreated", "2024-01-01T00:00:00Z", "order-service",
                "{\"orderId\": \"" + id + "\", \"customerId\": \"" + customerId + "\", \"amount\": 10}");
    }

    private Event stored(String eventId) {
        List<RecordedEvent> found = storedWithId(eventId);
        assertThat(found).hasSize(1);
        return found.get(0).event();
    }

    private List<RecordedEvent> storedWithId(String eventId) {
        return camel.store().readAll(0, 10_000).stream().filter(e -> e.event().eventId().equals(eventId)).toList();
    }
}
