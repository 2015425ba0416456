package io.edarouter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import io.edarouter.event.Event;
import io.edarouter.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Global order without skips: 8 writers append 10,000 events to 100 streams while a third of their commits
 * are held back for up to 20 ms (so transactions finish in another order than they began); a live
 * subscription must receive every event exactly once, in global-position order, with each stream's versions
 * 0..n-1.
 */
class ConcurrentAppendOrderIT {

    private static final int WRITERS = 8;
    private static final int EVENTS = 10_000;
    private static final int STREAMS = 100;

    @RegisterExtension
    static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();

    private record Received(long position, String stream, long version, String eventId) {
    }

    @Test
    void liveSubscriptionReceivesEveryEventOnceInGlobalOrderDespiteOutOfOrderCommits() throws Exception {
        String url = postgres.newDatabase();
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(postgres.user());
        pool.setMaximumPoolSize(WRITERS + 2);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try (pool;
             EventStore writers = JdbcEventStore.open(new CommitDelayingDataSource(pool, 0.3, 20));
             EventStore reader = JdbcEventStore.open(url, postgres.user(), "", 2)) {
            List<Received> received = new CopyOnWriteArrayList<>();
            Subscription subscription = reader.subscribe(SubscriptionSettings.of("order-check", SubscriptionFilter.all()),
                    e -> received.add(new Received(e.globalPosition(), e.stream(), e.streamVersion(),
                            e.event().eventId())), threads);
            await().until(subscription::isActive);

            Set<String> appended = ConcurrentHashMap.newKeySet();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(threads.submit(() -> appendRandomly(writers, writer, EVENTS / WRITERS, appended)));
            }
            for (Future<?> writer : done) {
                writer.get();
            }

            // caught up with the last position; a skipped or repeated event shows in the assertions below
            await().atMost(Duration.ofSeconds(60)).until(() -> !received.isEmpty()
                    && received.get(received.size() - 1).position() >= EVENTS - 1);
            subscription.close();
            assertExactlyOnceInOrder(received, appended);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void appendRandomly(EventStore store, int writer, int count, Set<String> appended) {
        Event template = EventFixtures.load("order-created");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int written = 0;
        while (written < count) {
            int size = Math.min(count - written, random.nextInt(1, 6));
            List<Event> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(EventFixtures.withId(template, "w" + writer + "-" + (written + i)));
            }
            store.append("order-" + random.nextInt(STREAMS), ExpectedVersion.any(), batch);
            batch.forEach(event -> appended.add(event.eventId()));
            written += size;
        }
    }

    private static void assertExactlyOnceInOrder(List<Received> received, Set<String> appended) {
        assertThat(received).as("events received").hasSize(EVENTS);
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i).position()).as("global position of the event received #" + i).isEqualTo(i);
        }
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.eventId()));
        assertThat(ids).as("eventIds received").isEqualTo(appended);
        Map<String, Long> nextVersion = new HashMap<>();
        for (Received r : received) {
            long expected = nextVersion.getOrDefault(r.stream(), 0L);
            assertThat(r.version()).as("version in " + r.stream() + " at position " + r.position()).isEqualTo(expected);
            nextVersion.put(r.stream(), expected + 1);
        }
        assertThat(nextVersion).hasSize(STREAMS);
    }
}
