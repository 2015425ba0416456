package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import io.edarouter.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's appends: one transaction per batch, serialized on the head row so positions ascend in commit order
 * without gaps (see {@link JdbcEventStore}), idempotent on eventId, checked against each stream's expected version.
 * Wakes this JVM's subscriptions ({@link AppendSignal}) and tells the {@link AppendObserver} after each commit.
 */
final class JdbcAppender {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAppender.class);
    /** Ids and stream versions are looked up at most this many at a time (one query per chunk). */
    private static final int LOOKUP_CHUNK = 500;

    private final StoreDatabase database;
    private final AppendSignal signal;
    private volatile AppendObserver observer = AppendObserver.NONE;

    JdbcAppender(StoreDatabase database, AppendSignal signal) {
        this.database = database;
        this.signal = signal;
    }

    void setObserver(AppendObserver observer) {
        this.observer = observer == null ? AppendObserver.NONE : observer;
    }

    /** See {@link EventStore#appendAll}. */
    List<AppendResult> appendAll(List<StreamEvents> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        for (StreamEvents entry : batch) {
            StreamNames.checkStream(entry.stream());
            if (entry.events().isEmpty()) {
                throw new IllegalArgumentException("no events to append to stream '" + entry.stream() + "'");
            }
        }
        long started = System.nanoTime();
        List<AppendResult> results = database.inTransaction(connection -> write(connection, batch));
        observer.appended(batch.stream().mapToInt(entry -> entry.events().size()).sum(), System.nanoTime() - started);
        if (results.stream().anyMatch(result -> !result.duplicate())) {
            signal.appended();
        }
        return results;
    }

    /** Where an eventId is stored, or was stored earlier in this transaction. */
    private record Stored(String stream, long streamVersion, long globalPosition) {
    }

    private List<AppendResult> write(Connection connection, List<StreamEvents> batch) throws SQLException {
        Dialect dialect = database.dialect();
        long head = StoreDatabase.queryLong(connection, Dialect.LOCK_HEAD);
        long next = head;
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one lookup of the whole batch's ids and streams, not one per stream: a batch spans hundreds of streams
        Map<String, Stored> stored = storedEvents(connection, batch);
        Map<String, Long> streamVersions = streamVersions(connection, batch);
        List<AppendResult> results = new ArrayList<>(batch.size());
        List<NewEvent> inserts = new ArrayList<>();
        for (StreamEvents entry : batch) {
            String stream = entry.stream();
            boolean anyNew = false;
            for (Event event : entry.events()) {
                Stored known = stored.get(event.eventId());
                if (known == null) {
                    anyNew = true;
                } else if (!known.stream().equals(stream)) {
                    throw new DuplicateEventIdException(event.eventId(), known.stream(), stream);
                }
            }
            long version = anyNew ? streamVersions.getOrDefault(stream, -1L) : -1;
            if (anyNew && !entry.expected().matches(version)) {
                throw new WrongExpectedVersionException(stream, entry.expected(), version);
            }
            List<AppendResult.Appended> appended = new ArrayList<>(entry.events().size());
            for (Event event : entry.events()) {
                Stored known = stored.get(event.eventId());
                if (known != null) {
                    appended.add(new AppendResult.Appended(event.eventId(), known.streamVersion(),
                            known.globalPosition(), true));
                    continue;
                }
                version++;
                long position = next++;
                inserts.add(new NewEvent(event, stream, version, position));
                stored.put(event.eventId(), new Stored(stream, version, position));
                appended.add(new AppendResult.Appended(event.eventId(), version, position, false));
            }
            if (anyNew) {
                streamVersions.put(stream, version);
            }
            results.add(new AppendResult(stream, appended));
        }
        if (!inserts.isEmpty()) {
            dialect.insertEvents(connection, inserts, recordedAt);
        }
        if (next > head) {
            try (PreparedStatement advance = connection.prepareStatement(Dialect.ADVANCE_HEAD)) {
                advance.setLong(1, next);
                advance.executeUpdate();
            }
            dialect.notifyAppended(connection, next - 1);
            LOG.debug("Appended {} events at positions {}..{}", next - head, head, next - 1);
        }
        return results;
    }

    /** The stored events among the batch's, by eventId; the write adds those it inserts. */
    private Map<String, Stored> storedEvents(Connection connection, List<StreamEvents> batch) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(entry -> entry.events().forEach(event -> ids.add(event.eventId())));
        Map<String, Stored> stored = new HashMap<>();
        lookUp(connection, new ArrayList<>(ids), database.dialect()::storedEvents,
                rows -> stored.put(rows.getString(1), new Stored(rows.getString(2), rows.getLong(3), rows.getLong(4))));
        return stored;
    }

    /** The current version of each of the batch's streams that has events. */
    private Map<String, Long> streamVersions(Connection connection, List<StreamEvents> batch) throws SQLException {
        Set<String> streams = new LinkedHashSet<>();
        batch.forEach(entry -> streams.add(entry.stream()));
        Map<String, Long> versions = new HashMap<>();
        lookUp(connection, new ArrayList<>(streams), database.dialect()::streamVersions,
                rows -> {
                    long version = rows.getLong(2);
                    if (!rows.wasNull()) {
                        versions.put(rows.getString(1), version);
                    }
                });
        return versions;
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    /** Runs a query of {@code IN (?, ...)} over the keys, {@value #LOOKUP_CHUNK} at a time. */
    private static void lookUp(Connection connection, List<String> keys, IntFunction<String> sql, Row row)
            throws SQLException {
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
            try (PreparedStatement select = connection.prepareStatement(sql.apply(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        row.read(rows);
                    }
                }
            }
        }
    }
}
