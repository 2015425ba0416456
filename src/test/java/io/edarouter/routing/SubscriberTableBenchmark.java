package io.edarouter.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.edarouter.event.Event;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * Matching throughput of a subscribers table with 10 and with 1,000 subscribers, in one run: events
 * per second matched against the whole table (one event-ruler machine), for a decoded event body and
 * for JSON bytes straight from a broker; then 1,000 subscribers of exact patterns only, where an event
 * matches few of them. Single thread; no sending.
 *
 * <pre>
 * mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.edarouter.routing.SubscriberTableBenchmark
 * </pre>
 */
public final class SubscriberTableBenchmark {

    private static final int EVENTS = 10_000;
    private static final long WARM_UP_MILLIS = 3_000;
    private static final long MEASURE_MILLIS = 5_000;

    private SubscriberTableBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(7);
        List<Event> events = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            Event event = GeneratedSubscribers.event(random, n);
            events.add(event);
            bytes.add(event.bytes());
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            DefaultExchange exchange = new DefaultExchange(context);
            System.out.printf("%-12s %-8s %-12s %14s %18s%n", "subscribers", "table", "body", "events/s", "matches per event");
            for (int size : new int[] {10, 1000}) {
                SubscriberTable table = SubscriberTable.parse(GeneratedSubscribers.yaml(size, "mock:s"), "generated", null);
                run(table, size, "mixed", "Event", new ArrayList<>(events), exchange);
                run(table, size, "mixed", "JSON bytes", new ArrayList<>(bytes), exchange);
            }
            SubscriberTable exact = SubscriberTable.parse(GeneratedSubscribers.exactYaml(1000, "mock:s"), "generated", null);
            run(exact, 1000, "exact", "Event", new ArrayList<>(events), exchange);
        }
    }

    private static void run(SubscriberTable table, int size, String shape, String label, List<Object> bodies,
            DefaultExchange exchange) {
        measure(table, bodies, exchange, WARM_UP_MILLIS);
        long[] result = measure(table, bodies, exchange, MEASURE_MILLIS);
        double seconds = result[2] / 1e9;
        System.out.printf("%-12d %-8s %-12s %,14.0f %18.2f%n", size, shape, label, result[0] / seconds,
                (double) result[1] / result[0]);
    }

    /** Events matched, subscribers matched and nanoseconds spent, for about {@code millis}. */
    private static long[] measure(SubscriberTable table, List<Object> bodies, DefaultExchange exchange, long millis) {
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        long events = 0;
        long matches = 0;
        while (System.nanoTime() < deadline) {
            for (Object body : bodies) {
                matches += table.match(EventJson.of(body, exchange)).size();
            }
            events += bodies.size();
        }
        return new long[] {events, matches, System.nanoTime() - start};
    }
}
