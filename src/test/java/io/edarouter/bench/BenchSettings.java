package io.edarouter.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings: {@code -Dbench.KEY=VALUE} system properties, or {@code KEY=VALUE} program arguments
 * ({@code -Dexec.args="events=20000 brokers=kafka"}), which win.
 *
 * @param events              events preloaded per broker and contender ({@code events}, 200000)
 * @param streams             distinct streams ({@code streams}, 10000)
 * @param brokers             brokers to measure, in order ({@code brokers}, {@code kafka,pulsar})
 * @param drainTimeout        longest drain of the preloaded events by the router or the hand-written loop, s
 *                            ({@code drain-timeout}, 180); what was stored by then is reported
 * @param latencySeconds      the router's paced latency phase, s ({@code latency-seconds}, 20; 0: none)
 * @param limitLatencySeconds the hand-written loop's paced phase at the router's rate, s
 *                            ({@code limit-latency-seconds}, as long as the router's; 0: none). As long, because
 *                            the tails of both come from stalls of the shared machine (PostgreSQL's commits) a few
 *                            hundred milliseconds long, some seconds apart: a shorter window meets fewer of them
 * @param naiveSeconds        time budget of the naive Camel route ({@code naive-seconds}, 20)
 * @param naiveEvents         event budget of the naive Camel route ({@code naive-events}, 10000)
 * @param store               whether to measure the store's append against COPY ({@code store}, true)
 * @param routerJvmOptions    the router JVM's options ({@code router-jvm}, {@code -Xmx512m}, space-separated)
 * @param seed                seed of the event sequence ({@code seed}, 42)
 * @param warmUpEvents        events the router and the hand-written loop drain before their timed window opens
 *                            ({@code warm-up-events}, half of {@code events}: a router JVM's JIT compiler threads
 *                            still used a quarter of its CPU over the second half of a 200,000-event drain after a
 *                            warm-up of a quarter; 0: timed from the first stored).
 *                            The loop runs in the benchmark's JVM, compiled while the preload ran; the router's JVM is
 *                            fresh, and without a warm-up its JIT compiler's threads are most of its CPU per event
 */
record BenchSettings(int events, int streams, List<String> brokers, int drainTimeout, int latencySeconds,
        int limitLatencySeconds, int naiveSeconds, int naiveEvents, boolean store, List<String> routerJvmOptions,
        long seed, int warmUpEvents) {

    static BenchSettings from(String[] args) {
        Map<String, String> given = new HashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith("bench.")) {
                given.put(key.toString().substring("bench.".length()), value.toString());
            }
        });
        for (String arg : args) {
            String plain = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = plain.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected KEY=VALUE, got '" + arg + "'");
            }
            given.put(plain.substring(0, eq), plain.substring(eq + 1));
        }
        String latencySeconds = given.getOrDefault("latency-seconds", "20");
        BenchSettings settings = new BenchSettings(
                Integer.parseInt(given.getOrDefault("events", "200000")),
                Integer.parseInt(given.getOrDefault("streams", "10000")),
                Arrays.stream(given.getOrDefault("brokers", "kafka,pulsar").split(","))
                        .map(String::trim).filter(b -> !b.isEmpty()).toList(),
                Integer.parseInt(given.getOrDefault("drain-timeout", "180")),
                Integer.parseInt(latencySeconds),
                Integer.parseInt(given.getOrDefault("limit-latency-seconds", latencySeconds)),
                Integer.parseInt(given.getOrDefault("naive-seconds", "20")),
                Integer.parseInt(given.getOrDefault("naive-events", "10000")),
                Boolean.parseBoolean(given.getOrDefault("store", "true")),
                List.of(given.getOrDefault("router-jvm", "-Xmx512m").trim().split("\\s+")),
                Long.parseLong(given.getOrDefault("seed", "42")),
                Integer.parseInt(given.getOrDefault("warm-up-events",
                        String.valueOf(Integer.parseInt(given.getOrDefault("events", "200000")) / 2))));
        for (String broker : settings.brokers()) {
            if (!broker.equals("kafka") && !broker.equals("pulsar")) {
                throw new IllegalArgumentException("brokers: kafka and/or pulsar, got '" + broker + "'");
            }
        }
        return settings;
    }

    int naiveLoad() {
        return Math.min(events, naiveEvents);
    }
}
