package io.edarouter.bench;

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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The event store's own append ({@link JdbcEventStore#appendAll}, batches of 500 events over many streams, as the
 * pipeline appends a Kafka batch) against a raw {@code COPY} of the same events into the same {@code es_events}
 * table, each in a fresh database. Decoding the events is not timed; turning them into rows is, on both sides
 * (the COPY writes its rows as the store's PostgreSQL append does, {@link CopyRows}).
 */
final class StoreAppendVsCopy {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.shared();

    static final int BATCH = 500;

    private StoreAppendVsCopy() {
    }

    static List<Row> run(BenchSettings settings) throws Exception {
        EventCodec codec = new EventCodec();
        long events = settings.events();
        ThroughputBenchmark.log("store: appendAll in batches of %d vs COPY, %,d events", BATCH, events);

        String appendUrl = POSTGRES.newDatabase();
        long appendNanos = 0;
        long appended = 0;
        try (JdbcEventStore store = JdbcEventStore.open(appendUrl, POSTGRES.user(),
                POSTGRES.password(), 2)) {
            OrderEvents source = new OrderEvents(settings.streams(), settings.seed());
            while (appended < events) {
                List<String> streams = new ArrayList<>(BATCH);
                List<Event> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && appended + i < events; i++) {
                    OrderEvents.OrderEvent event = source.next("load", OrderEvents.nowMicros());
                    streams.add(event.stream());
                    batch.add(codec.decode(event.json()));
                }
                long start = System.nanoTime();
                store.appendAll(StreamEvents.runs(streams, batch, ExpectedVersion.any()));
                appendNanos += System.nanoTime() - start;
                appended += batch.size();
            }
        }
        Row append = new Row("store", "append (batch " + BATCH + ")", appended, appendNanos / 1e9, null, null, null,
                "JdbcEventStore.appendAll, one transaction per batch; " + rows(appendUrl) + " rows");

        String copyUrl = POSTGRES.newDatabase();
        JdbcEventStore.open(copyUrl, POSTGRES.user(), POSTGRES.password(), 2).close();
        long copyNanos = 0;
        long copied = 0;
        try (Connection connection = DriverManager.getConnection(copyUrl, POSTGRES.user(),
                POSTGRES.password())) {
            OrderEvents source = new OrderEvents(settings.streams(), settings.seed());
            Map<String, Long> versions = new HashMap<>();
            long start = System.nanoTime();
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY_EVENTS);
            copyNanos += System.nanoTime() - start;
            while (copied < events) {
                List<Event> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && copied + i < events; i++) {
                    batch.add(codec.decode(source.next("load", OrderEvents.nowMicros()).json()));
                }
                start = System.nanoTime();
                String recordedAt = CopyRows.recordedAt(Instant.now().truncatedTo(ChronoUnit.MICROS));
                StringBuilder rows = new StringBuilder(batch.size() * 1200);
                for (Event event : batch) {
                    String stream = event.subject();
                    long version = versions.merge(stream, 1L, Long::sum) - 1;
                    CopyRows.append(rows, copied++, stream, version, event, recordedAt);
                }
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                copyNanos += System.nanoTime() - start;
            }
            start = System.nanoTime();
            copy.endCopy();
            copyNanos += System.nanoTime() - start;
        }
        Row copyRow = new Row("store", "COPY", copied, copyNanos / 1e9, null, null, null,
                "one COPY ... FROM STDIN (text) into es_events; " + rows(copyUrl) + " rows");
        ThroughputBenchmark.log("store: append %,.0f events/s, COPY %,.0f events/s", append.rate(), copyRow.rate());
        return List.of(append, copyRow);
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
