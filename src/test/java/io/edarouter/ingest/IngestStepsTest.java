package io.edarouter.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edarouter.event.Event;
import io.edarouter.event.EventBatch;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingest steps IngestRecords and IngestAppend take an empty batch as a batch of none, and complete; behind
 * {@code eda-batch:} the append and what follows it run on the lane's store thread while the next batch is prepared.
 */
class IngestStepsTest {

    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onH2()
            .beforeStart(context -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ingest").setProperty(DeadLetterHeaders.DEAD_LETTER_PROPERTY, constant("mock:dead"))
                            .process(new IngestRecords()).process(new IngestAppend());
                    from("eda-batch:overlapped?size=1&interval=0").routeId("overlapped")
                            .setProperty(DeadLetterHeaders.DEAD_LETTER_PROPERTY, constant("mock:dead"))
                            .process(new IngestRecords())
                            .process(e -> {
                                prepared.add(Thread.currentThread().getName());
                                nextPrepared.countDown();
                            })
                            .process(new IngestAppend())
                            .process(e -> {
                                List<?> stored = e.getMessage().getBody(List.class);
                                String eventId = ((Message) stored.get(0)).getBody(Event.class).eventId();
                                if (eventId.equals("e-1")) {
                                    // the lane's thread prepares e-2 while e-1 is held here, on the store thread
                                    firstHeldSawTheNext.set(nextPrepared.await(10, TimeUnit.SECONDS));
                                }
                                afterAppend.add(eventId + "@" + Thread.currentThread().getName());
                            });
                }
            }));

    private final List<String> prepared = new CopyOnWriteArrayList<>();
    /** Counted down as each batch is prepared: at zero, the second was prepared (while the first was held). */
    private final CountDownLatch nextPrepared = new CountDownLatch(2);
    private final AtomicBoolean firstHeldSawTheNext = new AtomicBoolean();
    private final List<String> afterAppend = new CopyOnWriteArrayList<>();

    @Test
    void aLanePreparesItsNextBatchWhileTheOneBeforeIsStoredAndKeepsTheirOrder() {
        for (String id : List.of("e-1", "e-2", "e-3")) {
            camel.template().sendBody("eda-batch:overlapped", event(id));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> afterAppend.size() == 3);

        assertThat(firstHeldSawTheNext).isTrue();
        assertThat(afterAppend).extracting(done -> done.substring(0, 3)).containsExactly("e-1", "e-2", "e-3");
        assertThat(afterAppend).allMatch(done -> done.contains("eda-batch-overlapped-store"));
        assertThat(prepared).noneMatch(thread -> thread.contains("-store"));
        assertThat(camel.store().readAll(0, 10)).extracting(stored -> stored.event().eventId())
                .containsExactly("e-1", "e-2", "e-3");
    }

    private static byte[] event(String id) {
        return ("{\"eventId\":\"" + id + "\",\"eventType\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"s\",\"subject\":\"orders-1\",\"data\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyBatchIsABatchOfNone() {
        Exchange done = camel.template().send("direct:ingest", e -> e.getMessage().setBody(List.of()));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(EventBatch.records(done)).isEmpty();
        assertThat(camel.context().getEndpoint("mock:dead", MockEndpoint.class).getExchanges()).isEmpty();
    }

    @Test
    void aBatchOfOnlyInvalidRecordsBecomesAnEmptyBatchWithEachRecordDeadLetteredOnce() {
        Exchange done = camel.template().send("direct:ingest",
                e -> e.getMessage().setBody(List.of(record("not json"), record("[1, 2]"))));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(camel.context().getEndpoint("mock:dead", MockEndpoint.class).getExchanges())
                .extracting(e -> e.getMessage().getBody(String.class)).containsExactly("not json", "[1, 2]");
    }

    private Exchange record(String body) {
        Exchange record = new DefaultExchange(camel.context());
        record.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
