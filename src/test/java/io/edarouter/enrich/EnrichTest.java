package io.edarouter.enrich;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.edarouter.event.Event;
import io.edarouter.event.EventBatch;
import io.edarouter.event.InvalidEventException;
import io.edarouter.observe.EdaMeters;
import io.edarouter.testsupport.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.edarouter.store.EventFixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** eda-enrich:metadata and eda-enrich:lookup against direct: lookup routes. */
class EnrichTest {

    private static final Event ORDER = EventFixtures.event("e-1", "OrderCreated", "2024-01-01T00:00:00Z",
            "order-service", "{\"orderId\": \"12345\", \"customerId\": \"67890\"}");

    private final CamelContext context = new DefaultCamelContext();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        context.getRegistry().bind("meters", meters);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:customers").process(e -> lookups.incrementAndGet())
                        .setBody(simple("{\"customerId\": \"${header.EdaLookupKey}\", \"tier\": \"gold\"}"));
                from("direct:slow").process(e -> release.await(10, TimeUnit.SECONDS)).setBody(constant("{}"));
                from("direct:metadata").to("eda-enrich:metadata");
                from("direct:cached").to("eda-enrich:lookup?uri=direct:customers&field=customer&key=${body.data[customerId]}");
                from("direct:uncached").to("eda-enrich:lookup?uri=direct:customers&field=customer&cacheSize=0&key=${body.data[customerId]}");
                from("direct:slow-continue").to("eda-enrich:lookup?uri=direct:slow&field=customer&timeout=100&onFailure=continue&key=${body.data[customerId]}");
                from("direct:no-key-continue").to("eda-enrich:lookup?uri=direct:customers&field=customer&onFailure=continue&key=${body.data[customerId]}");
                from("direct:slow-dead-letter").to("eda-enrich:lookup?uri=direct:slow&field=customer&timeout=100&key=${body.data[customerId]}");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        context.close();
    }

    @Test
    void metadataAddsArrivalBrokerTraceAndCorrelation() {
        Event enriched = template.request("direct:metadata", e -> {
            e.getMessage().setBody(ORDER);
            e.getMessage().setHeader("kafka.TOPIC", "order-events");
            e.getMessage().setHeader("kafka.PARTITION", 2);
            e.getMessage().setHeader("kafka.OFFSET", 41L);
            e.getMessage().setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        }).getMessage().getBody(Event.class);

        assertThat(enriched.correlationId()).isEqualTo("e-1");
        assertThat(enriched.metadata().has("receivedAt")).isTrue();
        assertThat(enriched.metadata().get("broker").toString())
                .isEqualTo("{\"system\":\"kafka\",\"topic\":\"order-events\",\"partition\":2,\"offset\":41}");
        assertThat(enriched.metadataText("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void metadataKeepsACorrelationIdThatIsPresent() {
        Event correlated = ORDER.edit().set(Event.EVENT_ID, "e-2").set(Event.CORRELATION_ID, "c-9").done();

        Event enriched = template.requestBody("direct:metadata", correlated, Event.class);

        assertThat(enriched.correlationId()).isEqualTo("c-9");
    }

    @Test
    void lookupMergesTheResultUnderTheFieldAndCachesItPerKey() {
        Event first = template.requestBody("direct:cached", ORDER, Event.class);
        template.requestBody("direct:cached", ORDER, Event.class);

        assertThat(first.data().get("customer")).isEqualTo(Event.readJson("{\"customerId\": \"67890\", \"tier\": \"gold\"}"));
        assertThat(first.data().get("orderId").textValue()).isEqualTo("12345");
        assertThat(lookups).hasValue(1);
    }

    @Test
    void enrichmentMakesANewEventAndLeavesTheOriginalAsItWas() {
        Event order = EventFixtures.event("e-3", "OrderCreated", "2024-01-01T00:00:00Z", "order-service",
                "{\"customerId\": \"67890\", \"lines\": [{\"sku\": \"A-1\"}]}");
        String before = new String(order.bytes(), StandardCharsets.UTF_8);

        Event enriched = template.requestBody("direct:cached", template.requestBody("direct:metadata", order, Event.class), Event.class);

        assertThat(new String(order.bytes(), StandardCharsets.UTF_8)).isEqualTo(before);
        assertThat(order.data().has("customer")).isFalse();
        assertThat(order.metadata()).isNull();
        assertThat(enriched.data().has("customer")).isTrue();
        // copy-on-write: what enrichment did not change is shared, not copied
        assertThat(enriched.data().get("lines")).isSameAs(order.data().get("lines"));
    }

    @Test
    void aBatchLooksEachOfItsKeysUpOnceAndEachEventGetsItsKeysValue() {
        List<Event> events = new ArrayList<>();
        for (String customer : List.of("c-1", "c-2", "c-1", "c-3", "c-2")) {
            events.add(EventFixtures.event("e-" + events.size(), "OrderCreated", ORDER.timestamp(), "order-service",
                    "{\"customerId\": \"" + customer + "\"}"));
        }
        events.add(EventFixtures.event("e-none", "OrderCreated", ORDER.timestamp(), "order-service", "{\"orderId\": \"o\"}"));
        template.requestBody("direct:no-key-continue", events.get(3), Event.class); // c-3 cached before the batch
        lookups.set(0);
        List<Exchange> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(new org.apache.camel.support.DefaultExchange(context));
        }

        Exchange done = template.request("direct:no-key-continue", e -> EventBatch.set(e, new ArrayList<>(events), records));

        assertThat(done.getException()).isNull();
        List<Event> enriched = EventBatch.events(done);
        assertThat(enriched).hasSize(6);
        for (int i = 0; i < 5; i++) {
            assertThat(enriched.get(i).data().get("customer").get("customerId").textValue()).as("event %d", i)
                    .isEqualTo(events.get(i).data().get("customerId").textValue());
        }
        assertThat(enriched.get(5).data().has("customer")).isFalse();
        assertThat(enriched.get(5).metadata().get("enrichment").get("customer").textValue()).isEqualTo("failed");
        assertThat(lookups).as("c-1 and c-2, once each").hasValue(2);
    }

    @Test
    void withoutCacheEachEventLooksUp() {
        template.requestBody("direct:uncached", ORDER, Event.class);
        template.requestBody("direct:uncached", ORDER, Event.class);

        assertThat(lookups).hasValue(2);
    }

    @Test
    void anEmptyBatchIsEnrichedAsABatchOfNone() {
        for (String enricher : List.of("direct:metadata", "direct:cached", "direct:slow-continue")) {
            Exchange done = template.request(enricher, e -> e.getMessage().setBody(new ArrayList<>()));

            assertThat(done.getException()).as(enricher).isNull();
            assertThat(done.getMessage().getBody(List.class)).as(enricher).isEmpty();
        }
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anEmptyIngestBatchIsEnrichedAsABatchOfNone() {
        Exchange done = template.request("direct:cached", e -> EventBatch.set(e, List.of(), List.of()));

        assertThat(done.getException()).isNull();
        assertThat(EventBatch.events(done)).isEmpty();
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aThousandEventsWithoutTheKeyAreCountedAndLoggedInOneLine() {
        try (CapturedLog log = CapturedLog.of(LookupEnricher.class)) {
            for (int i = 0; i < 1000; i++) {
                template.requestBody("direct:no-key-continue", EventFixtures.event("e-" + i, "OrderCreated", ORDER.timestamp(),
                        "order-service", "{\"orderId\": \"o-" + i + "\"}"), Event.class);
            }

            assertThat(meters.get(EdaMeters.ENRICHMENT_FAILED).tags("field", "customer", "cause", "no-key").counter().count())
                    .isEqualTo(1000);
            assertThat(log.lines()).singleElement().asString().startsWith("WARN eda-enrich: event e-0 continues without customer: no key");
        }
    }

    @Test
    void aTimeoutUnderContinueLeavesTheFieldOutAndMarksIt() {
        Event enriched = template.requestBody("direct:slow-continue", ORDER, Event.class);

        assertThat(enriched.data().has("customer")).isFalse();
        assertThat(enriched.metadata().get("enrichment")).isEqualTo(Event.readJson("{\"customer\": \"failed\"}"));
    }

    @Test
    void aTimeoutUnderDeadLetterRefusesTheEventAtStageEnrich() {
        assertThatThrownBy(() -> template.requestBody("direct:slow-dead-letter", ORDER))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("timeout")
                .satisfies(e -> assertThat(((InvalidEventException) e).getStage()).isEqualTo("enrich"));
    }
}
