package io.edarouter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import io.edarouter.store.CopyRows;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.StreamEvents;
import io.edarouter.testsupport.PostgresTestDatabase;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The event store's own append ({@link JdbcEventStore#appendAll}, batches of 500 events over many streams, as the
 * pipeline appends a Kafka batch; {@code -Dbench.store-batch=N} for another size) against a raw {@code COPY} of the
 * same events into the same {@code es_events} table, each in a fresh database: once as one transaction for all rows
 * (the baseline issue 12 names), once as one transaction per batch (as many commits as the append). Decoding the events is not timed; turning them into rows
 * is, on both sides (the COPY writes its rows as the store's PostgreSQL append does, {@link CopyRows}). CPU per event:
 * the benchmark thread's CPU time over the timed sections, and the database's backends over the whole phase.
 *
 * <p>The store rows alone, without starting a broker (the same {@code -Dbench.events}, {@code streams}, {@code seed}):
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.edarouter.bench.StoreAppendVsCopy -Dbench.events=200000
 * </pre>
 */
public final class StoreAppendVsCopy {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.shared();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final int BATCH = Integer.getInteger("bench.store-batch", 500);

    private StoreAppendVsCopy() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            long started = System.nanoTime();
            Configurator.setRootLevel(Level.WARN);
            BenchSettings settings = BenchSettings.from(args);
            List<Row> rows = run(settings);
            System.out.println();
            System.out.println(ThroughputBenchmark.table(rows, settings, Map.of(), (System.nanoTime() - started) / 60e9));
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // the test databases go in the shutdown hook of the test support
        System.exit(status);
    }

    static List<Row> run(BenchSettings settings) throws Exception {
        EventCodec codec = new EventCodec();
        ThroughputBenchmark.log("store: appendAll in batches of %d vs COPY, %,d events", BATCH, settings.events());
        Row append = append(settings, codec);
        Row copy = copy(settings, codec, false);
        Row copyPerBatch = copy(settings, codec, true);
        ThroughputBenchmark.log("store: append %,.0f events/s, COPY %,.0f events/s, COPY per %d %,.0f events/s",
                append.rate(), copy.rate(), BATCH, copyPerBatch.rate());
        return List.of(append, copy, copyPerBatch);
    }

    private static Row append(BenchSettings settings, EventCodec codec) throws Exception {
        long events = settings.events();
        String url = POSTGRES.newDatabase();
        Stopwatch timed = new Stopwatch();
        long appended = 0;
        CpuMeter.Sample first = null;
        CpuMeter.Sample last;
        CpuMeter postgres = CpuMeter.ofThisJvm(-1, url);
        try (JdbcEventStore store = JdbcEventStore.open(url, POSTGRES.user(), POSTGRES.password(), 2)) {
            OrderEvents source = new OrderEvents(settings.streams(), settings.seed());
            while (appended < events) {
                List<String> streams = new ArrayList<>(BATCH);
                List<Event> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && appended + i < events; i++) {
                    OrderEvents.OrderEvent event = source.next("load", OrderEvents.nowMicros());
                    streams.add(event.stream());
                    batch.add(codec.decode(event.json()));
                }
                if (first == null) { // the pool has opened its connections by now
                    first = postgres.sample();
                }
                timed.start();
                store.appendAll(StreamEvents.runs(streams, batch, ExpectedVersion.any()));
                timed.stop();
                appended += batch.size();
            }
            last = postgres.sample();
        }
        return timed.row("append (batch " + BATCH + ")", appended, first, last,
                "JdbcEventStore.appendAll, one transaction per batch; " + rows(url) + " rows");
    }

    /** A raw COPY of the same events: one COPY and transaction for all, or one per batch (autocommit). */
    private static Row copy(BenchSettings settings, EventCodec codec, boolean perBatch) throws Exception {
        long events = settings.events();
        String url = POSTGRES.newDatabase();
        JdbcEventStore.open(url, POSTGRES.user(), POSTGRES.password(), 2).close();
        Stopwatch timed = new Stopwatch();
        long copied = 0;
        CpuMeter.Sample first;
        CpuMeter.Sample last;
        try (Connection connection = DriverManager.getConnection(url, POSTGRES.user(), POSTGRES.password())) {
            CpuMeter postgres = CpuMeter.ofThisJvm(-1, url);
            first = postgres.sample();
            OrderEvents source = new OrderEvents(settings.streams(), settings.seed());
            Map<String, Long> versions = new HashMap<>();
            CopyIn copy = null;
            while (copied < events) {
                List<Event> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && copied + i < events; i++) {
                    batch.add(codec.decode(source.next("load", OrderEvents.nowMicros()).json()));
                }
                timed.start();
                if (copy == null) {
                    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY_EVENTS);
                }
                String recordedAt = CopyRows.recordedAt(Instant.now().truncatedTo(ChronoUnit.MICROS));
                StringBuilder rows = new StringBuilder(batch.size() * 1200);
                for (Event event : batch) {
                    String stream = event.subject();
                    long version = versions.merge(stream, 1L, Long::sum) - 1;
                    CopyRows.append(rows, copied++, stream, version, event, recordedAt);
                }
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                if (perBatch) {
                    copy.endCopy();
                    copy = null;
                }
                timed.stop();
            }
            if (copy != null) {
                timed.start();
                copy.endCopy();
                timed.stop();
            }
            last = postgres.sample();
        }
        return perBatch
                ? timed.row("COPY, one transaction per " + BATCH, copied, first, last,
                        "one COPY ... FROM STDIN (text) per " + BATCH + " rows, each its own transaction; "
                                + rows(url) + " rows")
                : timed.row("COPY", copied, first, last,
                        "one COPY ... FROM STDIN (text) into es_events, one transaction; " + rows(url) + " rows");
    }

    /** Wall time and this thread's CPU time over the timed sections. */
    private static final class Stopwatch {

        private long nanos;
        private long cpuNanos;
        private long startedNanos;
        private long startedCpuNanos;

        void start() {
            startedNanos = System.nanoTime();
            startedCpuNanos = THREADS.getCurrentThreadCpuTime();
        }

        void stop() {
            nanos += System.nanoTime() - startedNanos;
            cpuNanos += THREADS.getCurrentThreadCpuTime() - startedCpuNanos;
        }

        Row row(String contender, long events, CpuMeter.Sample first, CpuMeter.Sample last, String note) {
            CpuMeter.PerEvent backends = CpuMeter.perEvent(first, last, events);
            return new Row("store", contender, events, nanos / 1e9, null, null, null, note + "; CPU: the benchmark"
                    + " thread over the timed sections, PostgreSQL: the database's backends over the phase",
                    new CpuMeter.PerEvent(cpuNanos / 1e3 / events, Double.NaN, backends.postgres(), Double.NaN, Double.NaN));
        }
    }

    private static long rows(String jdbcUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, POSTGRES.user(),
                POSTGRES.password()); Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM es_events")) {
            count.next();
            return count.getLong(1);
        }
    }
}
