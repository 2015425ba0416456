package io.edarouter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.RouterProcess;
import org.HdrHistogram.Histogram;

/**
 * eda-router itself, in a JVM of its own ({@link RouterProcess}, the project's {@code routes/}), on a fresh
 * database, consuming a topic that already holds every preloaded event.
 *
 * <p>Timed: from the moment the store's head position (polled every 100 ms) first shows stored events to the
 * moment it shows all of them; the events counted are those stored in that window (the first batch, stored before
 * the window opens, is left out). Start-up (launch to {@code /observe/health/ready} answering 200) is reported on
 * its own. After the drain it waits until every dispatched event has arrived on the dispatch topic; then the
 * latency phase offers new events at half the drain rate (after a warm-up of {@value #WARM_UP_SECONDS} s at that rate,
 * not measured).
 */
final class RouterContender {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.shared();

    static final String READY_PATH = "/observe/health/ready";
    static final int WARM_UP_SECONDS = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The row of the table, the start-up time, the drain rate and what the router's log says. */
    record Outcome(Row row, double startupSeconds, double drainRate, String log) {
    }

    private RouterContender() {
    }

    static Outcome run(BenchBroker broker, BenchSettings settings, String run, String in, String out,
            OrderEvents events, long dispatchedInLoad) throws Exception {
        String group = ThroughputBenchmark.group("router", run);
        long total = settings.events();
        String jdbcUrl = POSTGRES.newDatabase();
        Map<String, String> keys = broker.routerKeys(in, group, out, run);
        keys.put("camel.component.eventstore.url", StoreLatency.applied(jdbcUrl));
        keys.put("camel.component.eventstore.username", POSTGRES.user());
        BenchSchemas.apply(keys);
        // -Dbench.journey=false: the router without recording where dispatch sent each event (eda.journey.enabled)
        keys.put("eda.journey.enabled", System.getProperty("bench.journey", "true"));
        DispatchWatcher watcher = new DispatchWatcher();
        // the store is opened (and migrated) before the router starts, so the head can be polled from the start
        try (EventStore store = JdbcEventStore.open(jdbcUrl + "?ApplicationName=" + CpuMeter.BENCH_APPLICATION,
                POSTGRES.user(), POSTGRES.password(), 2);
                AutoCloseable reader = broker.readDispatch(out, watcher);
                HeadMonitor head = new HeadMonitor("router-" + broker.name(), store::headPosition,
                        settings.warmUpEvents(), total)) {
            long launched = System.nanoTime();
            ThroughputBenchmark.log("%s eda-router: starting (JVM options %s)", broker.name(), settings.routerJvmOptions());
            RouterProbe probe = new RouterProbe(Files.createTempFile("bench-router-gc", ".log"));
            RouterProcess router = RouterProcess.start("bench-" + broker.name(), keys,
                    probe.jvmOptions(settings.routerJvmOptions()));
            head.measureCpu(new CpuMeter(router.pid(), broker.pid(), jdbcUrl));
            Row row;
            double startup;
            double drainRate;
            try {
                long ready = awaitReady(router, Duration.ofSeconds(60));
                startup = ready < 0 ? -1 : (ready - launched) / 1e9;
                ThroughputBenchmark.log("%s eda-router: ready %.1f s after launch; draining %,d events (time-out %d s)", broker.name(),
                        startup, total, settings.drainTimeout());
                boolean drained = head.awaitDone(launched + settings.drainTimeout() * 1_000_000_000L);
                String note;
                if (drained) {
                    long dispatchedAt = DispatchWatcher.await(watcher::loadArrived, dispatchedInLoad, 60_000);
                    note = String.format("timed: first seen stored at or past the warm-up (%,d) to all %,d stored, %.1f s after ready",
                            head.firstHead(), total, (head.doneNanos() - Math.max(ready, launched)) / 1e9)
                            + (dispatchedAt < 0
                                    ? String.format("; only %,d of %,d dispatched within 60 s", watcher.loadArrived(),
                                            dispatchedInLoad)
                                    : String.format("; all %,d dispatched %.2f s after the last was stored",
                                            dispatchedInLoad, Math.max(0, dispatchedAt - head.doneNanos()) / 1e9));
                } else {
                    note = String.format("timed out after %d s: %,d of %,d stored; rate over first stored (%,d) to last"
                            + " stored", settings.drainTimeout(), head.lastHead(), total, head.firstHead());
                }
                // read once, after the drain: the batches the pipeline appended (a scrape costs the router CPU)
                note += meanBatch(router);
                row = new Row(broker.name(), "eda-router", head.eventsAfterFirst(), head.secondsAfterFirst(), null,
                        null, null, note).withCpu(head.cpuPerEvent());
                drainRate = row.rate();
                ThroughputBenchmark.log("%s eda-router: %,d events in %.1f s = %,.0f events/s (%s)", broker.name(), row.events(),
                        row.seconds(), drainRate, note);
                if (!drained) {
                    // the latency phase needs a router that is caught up: skip what is left of the preload
                    router.stop();
                    broker.skipBacklog(in, group);
                    router.restart();
                    awaitReady(router, Duration.ofSeconds(60));
                    ThroughputBenchmark.log("%s eda-router: restarted past the rest of the preload for the latency phase", broker.name());
                }
                Row.Latency latency = null;
                if (settings.latencySeconds() > 0 && drainRate > 0) {
                    // a few seconds at the same rate first, not measured: a restarted router's JIT is cold
                    int before = watcher.loadArrived();
                    PacedLoad.Sent warm = PacedLoad.run(broker, in, events, drainRate / 2, WARM_UP_SECONDS, "warm-up");
                    if (DispatchWatcher.await(watcher::loadArrived, before + warm.dispatched(), 30_000) < 0) {
                        ThroughputBenchmark.log("%s eda-router: the warm-up's events did not all arrive within 30 s",
                                broker.name());
                    }
                    PipelineMetrics counted = PipelineMetrics.scrape(router);
                    long phaseStarted = System.nanoTime();
                    latency = latencyPhase(broker, in, events, watcher, drainRate / 2, settings.latencySeconds());
                    PipelineMetrics after = counted == null ? null : PipelineMetrics.scrape(router);
                    if (after != null) {
                        // where a batch's time went while the latency was measured: is the router near its capacity?
                        ThroughputBenchmark.log("%s eda-router in the latency phase: %s", broker.name(),
                                after.since(counted, (System.nanoTime() - phaseStarted) / 1e9));
                    }
                }
                double rss = RouterProbe.peakRssMb(router.pid());
                row = new Row(row.broker(), row.contender(), row.events(), row.seconds(), latency, probe.peakHeapMb(),
                        rss < 0 ? null : rss, row.note(), row.cpu());
            } finally {
                router.stop();
            }
            String logSummary = logSummary(router.logFile());
            return new Outcome(row, startup, drainRate, logSummary);
        }
    }

    /** Offers new events at {@code perSecond} for {@code seconds} and measures send-to-dispatch-arrival. */
    static Row.Latency latencyPhase(BenchBroker broker, String in, OrderEvents events, DispatchWatcher watcher,
            double perSecond, int seconds) throws InterruptedException {
        ThroughputBenchmark.log("%s latency phase: %,.0f events/s for %d s into %s", broker.name(), perSecond, seconds, in);
        PacedLoad.Sent sent = PacedLoad.run(broker, in, events, perSecond, seconds);
        long arrived = DispatchWatcher.await(watcher::latencyArrived, sent.dispatched(), 30_000);
        String note = String.format("%,d sent in %.1f s, %,d of %,d dispatched arrived", sent.events(), sent.seconds(),
                watcher.latencyArrived(), sent.dispatched()) + (arrived < 0 ? " (30 s after the last send)" : "");
        Row.Latency latency = Row.Latency.of(watcher.latency(), perSecond, sent.seconds(), note);
        ThroughputBenchmark.log("%s latency: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%s)", broker.name(), latency.p50(),
                latency.p99(), latency.p999(), latency.max(), note);
        Histogram receipt = watcher.receipt();
        if (receipt.getTotalCount() > 0) {
            ThroughputBenchmark.log("%s latency to the router's receipt (metadata.receivedAt): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    broker.name(), receipt.getValueAtPercentile(50) / 1000.0, receipt.getValueAtPercentile(99) / 1000.0,
                    receipt.getMaxValue() / 1000.0);
        }
        return latency;
    }

    /**
     * The pipeline's counters from one scrape of the router's metrics (it costs the router about 11 ms of CPU): its
     * appends, the events they held, the time spent appending, in the pipeline's route and in dispatch.
     */
    record PipelineMetrics(double appends, double events, double appendSeconds, double routeSeconds,
            double dispatchSeconds) {

        /** The counters now, or null when the router did not answer. */
        static PipelineMetrics scrape(RouterProcess router) {
            try {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/observe/metrics")))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                double[] sums = new double[5];
                for (String line : metrics.split("\n")) {
                    int k = line.startsWith("eda_store_append_batch_size_count") ? 0
                            : line.startsWith("eda_store_append_batch_size_sum") ? 1
                            : line.startsWith("eda_store_append_seconds_sum") ? 2
                            : line.startsWith("camel_route_policy_seconds_sum") && line.contains("routeId=\"order-events-from-") ? 3
                            : line.startsWith("camel_exchange_event_notifier_seconds_sum")
                                    && line.contains("endpointName=\"eda-dispatch:") ? 4
                            : -1;
                    if (k >= 0) {
                        sums[k] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                return new PipelineMetrics(sums[0], sums[1], sums[2], sums[3], sums[4]);
            } catch (IOException | RuntimeException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** What happened between {@code before} and this scrape, over {@code seconds}, as a log line's text. */
        String since(PipelineMetrics before, double seconds) {
            double batches = appends - before.appends;
            if (batches <= 0) {
                return "no appends";
            }
            return String.format("%,.0f appends of %.0f events on average; the pipeline's route busy %.0f%% of the %.1f s,"
                    + " per append %.0f ms in the route, of which %.0f ms appending and %.0f ms dispatching",
                    batches, (events - before.events) / batches, 100 * (routeSeconds - before.routeSeconds) / seconds,
                    seconds, 1000 * (routeSeconds - before.routeSeconds) / batches,
                    1000 * (appendSeconds - before.appendSeconds) / batches,
                    1000 * (dispatchSeconds - before.dispatchSeconds) / batches);
        }
    }

    /** "; appends of N events on average" from the router's store append batch-size summary, or "" when unread. */
    static String meanBatch(RouterProcess router) {
        PipelineMetrics metrics = PipelineMetrics.scrape(router);
        return metrics == null || metrics.appends() == 0 ? ""
                : String.format("; %,.0f appends of %.0f events on average", metrics.appends(), metrics.events() / metrics.appends());
    }

    /** {@link System#nanoTime()} when the readiness check first answered 200, or -1 after {@code timeout}. */
    static long awaitReady(RouterProcess router, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(router.httpUrl(READY_PATH)))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50); // the polling period
        }
        return -1;
    }

    /** How many ERROR and WARN lines the router logged, with the first few distinct ERROR/WARN messages. */
    static String logSummary(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            int errors = 0;
            int warnings = 0;
            Set<String> first = new LinkedHashSet<>();
            for (String line : lines) {
                boolean error = line.contains(" ERROR ");
                boolean warn = line.contains(" WARN ");
                if (error) {
                    errors++;
                }
                if (warn) {
                    warnings++;
                }
                if ((error || warn) && first.size() < 5 && line.length() > 13) {
                    String message = line.substring(13).replaceAll("\\[[^\\]]*\\]", "[..]");
                    first.add(message.length() > 200 ? message.substring(0, 200) + "..." : message);
                }
            }
            return errors + " ERROR, " + warnings + " WARN lines in " + logFile
                    + (first.isEmpty() ? "" : System.lineSeparator() + "    " + String.join(System.lineSeparator() + "    ", first));
        } catch (IOException e) {
            return "cannot read " + logFile + ": " + e.getMessage();
        }
    }

}
