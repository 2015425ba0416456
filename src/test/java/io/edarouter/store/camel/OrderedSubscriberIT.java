package io.edarouter.store.camel;

import static io.edarouter.store.EventFixtures.load;
import static io.edarouter.store.EventFixtures.withId;
import static io.edarouter.store.EventFixtures.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.edarouter.event.Event;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.StreamEvents;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ordered subscriber on PostgreSQL whose endpoint fails a third of the attempts at random, while appends go on:
 * every stream's events arrive exactly in version order, each once, and the checkpoint reaches the head.
 */
class OrderedSubscriberIT {

    private static final int STREAMS = 12;
    private static final int EVENTS_PER_STREAM = 25;

    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onPostgres();

    @Test
    void eachStreamArrivesInOrderOnceUnderRandomFailuresWhileAppendsGoOn() throws Exception {
        Map<String, List<Long>> delivered = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        camel.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventstore:$all?subscription=ordered&ordered=true&maxAttempts=1000&initialDelay=5&maxDelay=40")
                        .routeId("ordered-subscriber")
                        .process(exchange -> {
                            if (ThreadLocalRandom.current().nextInt(3) == 0) {
                                failures.incrementAndGet();
                                throw new IllegalStateException("endpoint flaps");
                            }
                            RecordedEvent event = exchange.getMessage().getBody(RecordedEvent.class);
                            delivered.computeIfAbsent(event.stream(), s -> new CopyOnWriteArrayList<>())
                                    .add(event.streamVersion());
                        });
            }
        });

        for (int round = 0; round < EVENTS_PER_STREAM; round++) {
            List<StreamEvents> batch = new ArrayList<>();
            for (int s = 0; s < STREAMS; s++) {
                String stream = "order-" + s;
                Event event = withSubject(withId(load("order-created"), stream + "-" + round), stream);
                batch.add(new StreamEvents(stream, ExpectedVersion.any(), List.of(event)));
            }
            camel.store().appendAll(batch);
        }

        long total = (long) STREAMS * EVENTS_PER_STREAM;
        await().atMost(Duration.ofSeconds(120)).until(() -> camel.store().subscriptions().get(0).position() == total);
        List<Long> versions = LongStream.range(0, EVENTS_PER_STREAM).boxed().toList();
        assertThat(delivered).hasSize(STREAMS);
        delivered.forEach((stream, got) -> assertThat(got).as(stream).containsExactlyElementsOf(versions));
        assertThat(failures.get()).isGreaterThan(10);
    }
}
