package io.edarouter.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.edarouter.bench.OrderEvents.OrderEvent;
import io.edarouter.testsupport.PulsarTestBroker;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Issue 6: end-to-end throughput of eda-router against two baselines over the same events, per broker, plus the
 * event store's append against a raw COPY. For Kafka, then Pulsar, it preloads the same events (about 1 KB each,
 * {@link OrderEvents}) into one input topic per contender and measures, one after the other:
 * <ol>
 *   <li><b>eda-router</b> in its own JVM ({@link RouterContender}): drain throughput, start-up to ready, peak heap and
 *       RSS, then dispatch latency at half the drain rate;</li>
 *   <li><b>naive camel</b>, the route a Camel user writes from the component pages ({@link NaiveCamelContender}),
 *       for a fixed time or event budget;</li>
 *   <li><b>hand-written</b>, a plain client loop with JDBC batches ({@link HandWrittenContender}), the limit;</li>
 * </ol>
 * and prints a table (also written to {@code target/benchmark.md}). Brokers and databases are the integration
 * tests' own ({@code io.edarouter.testsupport}), started here and stopped when the JVM exits. Run from the project
 * folder (a clean clone is fine; the second goal unpacks Pulsar once):
 * <pre>
 * mvn -q test-compile dependency:unpack@unpack-pulsar org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.edarouter.bench.ThroughputBenchmark
 * </pre>
 * Settings: {@link BenchSettings} ({@code -Dbench.events=20000 -Dbench.brokers=kafka}, ...).
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            if ("kinesis".equals(System.getProperty("bench.brokers"))) { // Kinesis: its own contenders (KinesisBench)
                useProjectClassPath();
                KinesisBench.run(Integer.getInteger("bench.events", 10_000));
            } else if ("sqs".equals(System.getProperty("bench.brokers"))) { // SQS (ElasticMQ): its own contenders (SqsBenchmark)
                useProjectClassPath();
                SqsBenchmark.main(args);
            } else if (RabbitMqThroughputBenchmark.selected(args)) { // RabbitMQ: its own two contenders and table
                useProjectClassPath();
                RabbitMqThroughputBenchmark.run(args);
            } else {
                run(BenchSettings.from(args));
            }
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // the brokers, the router and the test databases go in the shutdown hooks of the test support
        System.exit(status);
    }

    static void run(BenchSettings settings) throws Exception {
        long started = System.nanoTime();
        Configurator.setRootLevel(Level.WARN);
        useProjectClassPath();
        if (settings.brokers().contains("pulsar")) {
            findPulsarHome();
        }
        log("settings: %s", settings);
        log("machine: %d cores, load average %.1f", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Row> rows = new ArrayList<>();
        Map<String, Double> startups = new LinkedHashMap<>();
        List<String> routerLogs = new ArrayList<>();
        if (settings.store()) {
            try {
                rows.addAll(StoreAppendVsCopy.run(settings));
            } catch (Exception e) {
                e.printStackTrace();
                rows.add(new Row("store", "append vs COPY", 0, 0, null, null, null, "failed: " + e));
            }
        }
        KafkaBench kafka = new KafkaBench();
        CompletableFuture<PulsarBench> pulsar = null;
        for (String name : settings.brokers()) {
            BenchBroker broker;
            if (name.equals("kafka")) {
                broker = kafka;
                if (settings.brokers().contains("pulsar")) {
                    // Pulsar starts (about 20 s) while Kafka is preloaded; joined before the first measurement
                    pulsar = CompletableFuture.supplyAsync(() -> startPulsar(kafka));
                }
            } else {
                try {
                    broker = pulsar != null ? pulsar.join() : startPulsar(kafka);
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    rows.add(new Row("pulsar", "all", 0, 0, null, null, null, "Pulsar did not start: " + e));
                    continue;
                }
            }
            rows.addAll(runBroker(broker, settings, startups, routerLogs, pulsar));
        }
        if (pulsar != null && pulsar.isDone() && !pulsar.isCompletedExceptionally()) {
            pulsar.join().close();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String table = table(rows, settings, startups, minutes);
        System.out.println();
        System.out.println(table);
        routerLogs.forEach(System.out::println);
        Path markdown = Path.of(System.getProperty("basedir", "."), "target", "benchmark.md");
        Files.createDirectories(markdown.getParent());
        Files.writeString(markdown, markdown(rows, settings, startups, routerLogs, minutes), StandardCharsets.UTF_8);
        log("written to %s", markdown.toAbsolutePath().normalize());
    }

    private static PulsarBench startPulsar(KafkaBench kafka) {
        try {
            return new PulsarBench(kafka);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Pulsar", e);
        }
    }

    private static List<Row> runBroker(BenchBroker broker, BenchSettings settings, Map<String, Double> startups,
            List<String> routerLogs, CompletableFuture<PulsarBench> pulsarStarting) {
        List<Row> rows = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] roles = {"router", "naive", "limit"};
        Map<String, String> in = new LinkedHashMap<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String role : roles) {
            in.put(role, "bench-" + role + "-in-" + run);
            out.put(role, "bench-" + role + "-out-" + run);
            if (role.equals("router")) {
                // the router subscribes (Key_Shared, 4 consumers) right after the preload, as it would in production
                broker.createTopic(in.get(role));
            } else {
                broker.createInput(in.get(role), group(role, run));
            }
            broker.createTopic(out.get(role));
        }
        OrderEvents events = new OrderEvents(settings.streams(), settings.seed());
        long dispatched = preload(broker, settings, events, in);
        if (pulsarStarting != null && broker instanceof KafkaBench) {
            try {
                pulsarStarting.join();
            } catch (RuntimeException e) {
                // reported when its turn comes
            }
        }
        double latencyRate = 0;
        double harnessMicrosPerSecond = Double.NaN;
        try {
            RouterContender.Outcome router = RouterContender.run(broker, settings, run, in.get("router"),
                    out.get("router"), events, dispatched);
            rows.add(router.row());
            startups.put(broker.name(), router.startupSeconds());
            routerLogs.add(broker.name() + " router log: " + router.log());
            // what the watchers (head poll, dispatch reader, metrics probe) cost in this JVM, per second of the drain
            harnessMicrosPerSecond = router.row().cpu().bench() * router.row().events() / router.row().seconds();
            if (router.row().latency() != null) {
                latencyRate = router.row().latency().offeredPerSecond();
            }
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            rows.add(new Row(broker.name(), "eda-router", 0, 0, null, null, null, "failed: " + e));
        }
        try {
            rows.add(NaiveCamelContender.run(broker, settings, run, in.get("naive"), out.get("naive")));
        } catch (Exception e) {
            e.printStackTrace();
            rows.add(new Row(broker.name(), "naive camel", 0, 0, null, null, null, "failed: " + e));
        }
        try {
            // the loop runs in this JVM: its CPU is this JVM's less what the watchers cost per second of the router's
            // drain (their work is mostly polling, by the clock, not by the event)
            Row limit = HandWrittenContender.run(broker, settings, run, in.get("limit"), out.get("limit"), events,
                    dispatched, latencyRate);
            rows.add(limit.withCpu(limit.cpu().lessHarness(harnessMicrosPerSecond * limit.seconds() / limit.events())));
        } catch (Exception e) {
            e.printStackTrace();
            rows.add(new Row(broker.name(), "hand-written", 0, 0, null, null, null, "failed: " + e));
        }
        return rows;
    }

    /** The consumer group / subscription of a contender's input. */
    static String group(String role, String run) {
        return "bench-" + role + "-" + run;
    }

    /** Sends the same events to every contender's input (the naive one gets its budget); returns the dispatched. */
    private static long preload(BenchBroker broker, BenchSettings settings, OrderEvents events, Map<String, String> in) {
        long dispatched = 0;
        long bytes = 0;
        long start = System.nanoTime();
        try (BenchBroker.Sender sender = broker.sender(false)) {
            for (int i = 0; i < settings.events(); i++) {
                OrderEvent event = events.next("load", OrderEvents.nowMicros());
                sender.send(in.get("router"), event);
                sender.send(in.get("limit"), event);
                if (i < settings.naiveLoad()) {
                    sender.send(in.get("naive"), event);
                }
                if (event.dispatched()) {
                    dispatched++;
                }
                bytes += event.json().length;
            }
            sender.flush();
        }
        log("%s: preloaded %,d events (%,d dispatched by type, %.0f bytes on average) per contender in %.1f s",
                broker.name(), settings.events(), dispatched, (double) bytes / settings.events(),
                (System.nanoTime() - start) / 1e9);
        return dispatched;
    }

    // ------------------------------------------------------------------ report

    private static final String[] HEADER = {"broker", "contender", "events", "seconds", "events/s", "ratio router/x",
        "p50 ms", "p99 ms", "p99.9 ms", "max ms", "peak heap MB", "peak RSS MB", "CPU us/event",
        "of which JIT us/event", "broker CPU us/event", "PostgreSQL CPU us/event"};

    private static List<String[]> cells(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            double reference = rows.stream()
                    .filter(r -> r.broker().equals(row.broker()))
                    .filter(r -> r.contender().equals("eda-router") || r.contender().startsWith("append"))
                    .mapToDouble(Row::rate).findFirst().orElse(0);
            Row.Latency latency = row.latency();
            cells.add(new String[] {row.broker(), row.contender(), String.format(Locale.ROOT, "%,d", row.events()),
                String.format(Locale.ROOT, "%.1f", row.seconds()), String.format(Locale.ROOT, "%,.0f", row.rate()),
                row.rate() > 0 && reference > 0 ? String.format(Locale.ROOT, "%.2f", reference / row.rate()) : "-",
                latency == null ? "-" : ms(latency.p50()), latency == null ? "-" : ms(latency.p99()),
                latency == null ? "-" : ms(latency.p999()), latency == null ? "-" : ms(latency.max()),
                row.peakHeapMb() == null ? "-" : String.format(Locale.ROOT, "%.0f", row.peakHeapMb()),
                row.peakRssMb() == null ? "-" : String.format(Locale.ROOT, "%.0f", row.peakRssMb()),
                micros(row.cpu().contender()), micros(row.cpu().jit()), micros(row.cpu().broker()),
                micros(row.cpu().postgres())});
        }
        return cells;
    }

    private static String micros(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static List<String> notes(List<Row> rows, BenchSettings settings, Map<String, Double> startups) {
        List<String> notes = new ArrayList<>();
        for (Row row : rows) {
            notes.add(row.broker() + " " + row.contender() + ": " + row.note());
            if (row.latency() != null) {
                Row.Latency latency = row.latency();
                notes.add(String.format(Locale.ROOT, "%s %s latency: %,.0f events/s offered for %.1f s (%s), %,d samples",
                        row.broker(), row.contender(), latency.offeredPerSecond(), latency.seconds(),
                        row.contender().equals("eda-router") ? "half its drain rate" : "the router's latency rate",
                        latency.samples()) + "; " + latency.note());
            }
        }
        notes.add("CPU us/event: the contender's process CPU time (/proc utime+stime) over its timed window per event"
                + " counted; eda-router: its own JVM; hand-written: the benchmark's JVM less its watchers' CPU per second,"
                + " measured during the router's drain, over its window; of which JIT: the part of it the JVM's JIT compiler"
                + " threads used (the hand-written loop's: the whole benchmark JVM's), which a JVM running for longer than"
                + " the benchmark no longer spends; broker: the broker's processes; PostgreSQL: the backends of the"
                + " contender's database");
        for (Row row : rows) {
            if (row.contender().equals("eda-router") && !Double.isNaN(row.cpu().bench())) {
                notes.add(String.format(Locale.ROOT, "%s benchmark watchers during the router's drain: %.0f ms CPU/s",
                        row.broker(), row.cpu().bench() * row.events() / row.seconds() / 1e3));
            }
        }
        startups.forEach((broker, seconds) -> notes.add(String.format(Locale.ROOT,
                "router start-up to ready (%s): %.1f s (launch to GET %s answering 200)", broker, seconds,
                RouterContender.READY_PATH)));
        return notes;
    }

    static String table(List<Row> rows, BenchSettings settings, Map<String, Double> startups, double minutes) {
        List<String[]> cells = cells(rows);
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, HEADER, widths);
        cells.forEach(row -> appendLine(text, row, widths));
        startups.forEach((broker, seconds) -> text.append(String.format(Locale.ROOT,
                "router start-up to ready (%s): %.1f s%n", broker, seconds)));
        text.append(String.format(Locale.ROOT, "ratio router/x: the eda-router's events/s over the row's (store rows:"
                + " append over the row's); latency: send to arrival on the dispatch topic%n"));
        for (String note : notes(rows, settings, startups)) {
            text.append("  ").append(note).append(System.lineSeparator());
        }
        text.append(String.format(Locale.ROOT, "whole run: %.1f min, load average at the end %.1f%n", minutes,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return text.toString();
    }

    private static void appendLine(StringBuilder text, String[] cells, int[] widths) {
        for (int c = 0; c < cells.length; c++) {
            String format = c < 2 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
            text.append(String.format(format, cells[c])).append(c < cells.length - 1 ? "  " : "");
        }
        text.append(System.lineSeparator());
    }

    static String markdown(List<Row> rows, BenchSettings settings, Map<String, Double> startups, List<String> logs,
            double minutes) {
        StringBuilder md = new StringBuilder("# Throughput benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d cores, %,d events of about 1 KB over %,d streams, router JVM %s;"
                + " whole run %.1f min.%n%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                settings.events(), settings.streams(), String.join(" ", settings.routerJvmOptions()), minutes));
        md.append("| ").append(String.join(" | ", HEADER)).append(" |\n|");
        md.append(" --- |".repeat(HEADER.length)).append('\n');
        for (String[] row : cells(rows)) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
        for (String note : notes(rows, settings, startups)) {
            md.append("- ").append(note).append('\n');
        }
        md.append("\nRouter logs:\n\n```\n");
        logs.forEach(log -> md.append(log).append('\n'));
        md.append("```\n");
        return md.toString();
    }

    // ------------------------------------------------------------------ environment

    /**
     * exec:java runs the benchmark in Maven's JVM, in a class loader of the test class path; the test support starts
     * the router and the Kafka broker with {@code java.class.path}, so that must be the test class path too.
     */
    static void useProjectClassPath() throws URISyntaxException {
        if (System.getProperty("java.class.path", "").contains("test-classes")) {
            return;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        entries.add(Path.of(url.toURI()).toString());
                    }
                }
            }
        }
        if (entries.stream().noneMatch(entry -> entry.contains("test-classes"))) {
            throw new IllegalStateException("cannot tell the test class path; run through exec:java with"
                    + " -Dexec.classpathScope=test");
        }
        System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }

    /** {@code target/pulsar/apache-pulsar-*}, unpacked by {@code mvn dependency:unpack@unpack-pulsar}. */
    private static void findPulsarHome() throws IOException {
        if (System.getProperty(PulsarTestBroker.PULSAR_HOME_PROPERTY) != null) {
            return;
        }
        Path unpacked = Path.of(System.getProperty("basedir", "."), "target", "pulsar");
        if (Files.isDirectory(unpacked)) {
            try (Stream<Path> homes = Files.list(unpacked)) {
                homes.filter(home -> home.getFileName().toString().startsWith("apache-pulsar-"))
                        .filter(home -> Files.isRegularFile(home.resolve("bin/pulsar")))
                        .findFirst()
                        .ifPresent(home -> System.setProperty(PulsarTestBroker.PULSAR_HOME_PROPERTY,
                                home.toAbsolutePath().toString()));
            }
        }
        if (System.getProperty(PulsarTestBroker.PULSAR_HOME_PROPERTY) == null) {
            throw new IllegalStateException("No Pulsar under " + unpacked.toAbsolutePath() + ": run the benchmark with"
                    + " the goal dependency:unpack@unpack-pulsar before exec:java (see the class comment), or"
                    + " -Dbench.brokers=kafka");
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), String.format(Locale.ROOT, format, args));
    }
}
