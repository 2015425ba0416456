package io.edarouter.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.edarouter.event.Event;
import io.edarouter.testsupport.PostgresTestDatabase;

/**
 * Append and catch-up throughput of the store on PostgreSQL, in a fresh database (or the JDBC URL given as
 * first argument). Run:
 * <pre>
 * mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.edarouter.store.EventStoreBenchmark
 * </pre>
 */
public final class EventStoreBenchmark {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.shared();

    private static final Event TEMPLATE = EventFixtures.load("order-created");
    private static final AtomicLong IDS = new AtomicLong();

    private EventStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : POSTGRES.newDatabase();
        try (EventStore store = JdbcEventStore.open(url, POSTGRES.user(), POSTGRES.password(), 10)) {
            appendBatches(store, 1, 1, 500); // warm-up
            report("append, batch of 1, 1 writer", appendBatches(store, 1, 1, 3_000));
            report("append, batch of 1, 8 writers", appendBatches(store, 8, 1, 8_000));
            report("append, batch of 500, 1 writer", appendBatches(store, 1, 500, 50_000));
            report("append, batch of 500, 4 writers", appendBatches(store, 4, 500, 100_000));
            long head = store.headPosition();
            report("catch-up read of $all, pages of 500", readAll(store, head));
            report("catch-up subscription of $all (checkpoint per event)", subscribe(store, head));
            System.out.printf("(%d events in the store)%n", head);
        }
        System.exit(0);
    }

    private record Result(long events, long nanos) {
    }

    private static void report(String what, Result result) {
        System.out.printf("%-55s %,10d events in %6.2f s = %,9.0f events/s%n", what, result.events(),
                result.nanos() / 1e9, result.events() / (result.nanos() / 1e9));
    }

    private static Result appendBatches(EventStore store, int writers, int batchSize, int events) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        int perWriter = events / writers;
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(threads.submit(() -> {
                for (int written = 0; written < perWriter; written += batchSize) {
                    List<Event> batch = new ArrayList<>(batchSize);
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(EventFixtures.withId(TEMPLATE, "bench-" + IDS.incrementAndGet()));
                    }
                    store.append("order-" + (IDS.get() % 1000), ExpectedVersion.any(), batch);
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get();
        }
        long nanos = System.nanoTime() - start;
        threads.shutdown();
        return new Result((long) perWriter * writers, nanos);
    }

    private static Result readAll(EventStore store, long head) {
        long start = System.nanoTime();
        long position = 0;
        while (position < head) {
            List<RecordedEvent> page = store.readAll(position, 500);
            position = page.get(page.size() - 1).globalPosition() + 1;
        }
        return new Result(head, System.nanoTime() - start);
    }

    private static Result subscribe(EventStore store, long head) throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CountDownLatch caughtUp = new CountDownLatch(1);
        long start = System.nanoTime();
        Subscription subscription = store.subscribe(new SubscriptionSettings("benchmark", SubscriptionFilter.all(), 500,
                Duration.ofMillis(100), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1))), event -> {
                    if (event.globalPosition() == head - 1) {
                        caughtUp.countDown();
                    }
                }, thread);
        caughtUp.await();
        long nanos = System.nanoTime() - start;
        subscription.close();
        thread.shutdown();
        return new Result(head, nanos);
    }
}
