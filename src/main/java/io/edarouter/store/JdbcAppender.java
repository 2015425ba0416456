package io.edarouter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** Streams whose version is kept between appends (about 100 bytes each). */
    private static final int KNOWN_STREAMS = 100_000;

    private final StoreDatabase database;
    private final AppendSignal signal;
    private final KnownVersions known = new KnownVersions(KNOWN_STREAMS);
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
        Written written;
        try {
            try {
                written = database.inTransaction(connection -> write(connection, batch, false));
            } catch (LookUpFirst retry) {
                written = database.inTransaction(connection -> write(connection, batch, true));
            }
        } catch (RuntimeException | Error e) {
            known.forget();
            throw e;
        }
        known.committed(written.head(), written.next(), written.versions());
        List<AppendResult> results = written.results();
        observer.appended(batch.stream().mapToInt(entry -> entry.events().size()).sum(), System.nanoTime() - started);
        if (results.stream().anyMatch(result -> !result.duplicate())) {
            signal.appended();
        }
        return results;
    }

    /** Where an eventId is stored, or was stored earlier in this transaction. */
    private record Stored(String stream, long streamVersion, long globalPosition) {
    }

    /** What an append transaction wrote: its results, the head it found and left, its streams' versions at next. */
    private record Written(List<AppendResult> results, long head, long next, Map<String, Long> versions) {
    }

    /**
     * An append that did not look its ids up met what only the look-up answers: an id already stored (the table's
     * unique index refused it), or an expected version its events miss (a retry of events stored already is
     * acknowledged, not refused). The transaction is rolled back and the batch written again after a look-up.
     */
    private static final class LookUpFirst extends RuntimeException {
        LookUpFirst(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }

    /**
     * Without {@code lookUpIds}, the batch's ids are not looked up before the insert: the unique index on event_id checks
     * each of them during the insert anyway, and stored ids are rare (a batch read again after a crash), so the
     * look-up's index probes, and its round trip when every stream's version is known at the locked head, were spent
     * for nothing on nearly every batch. When one is met, {@link LookUpFirst} has the append look up and write again,
     * so a duplicate is answered as before. Such an append inserts each of its distinct ids or nothing, so it takes
     * their positions as it locks the head ({@link Dialect#reserve}), in the same round trip.
     */
    private Written write(Connection connection, List<StreamEvents> batch, boolean lookUpIds) throws SQLException {
        Dialect dialect = database.dialect();
        int reserved = lookUpIds ? 0 : distinctIds(batch);
        long head = lookUpIds ? StoreDatabase.queryLong(connection, Dialect.LOCK_HEAD) : dialect.reserve(connection, reserved);
        long next = head;
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one lookup of the whole batch's ids and streams, not one per stream: a batch spans hundreds of streams
        Map<String, Stored> stored = new HashMap<>();
        Map<String, Long> streamVersions = new HashMap<>();
        lookUp(connection, batch, head, lookUpIds, stored, streamVersions);
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
                if (!lookUpIds) {
                    throw new LookUpFirst("expected version of " + stream, null);
                }
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
            try {
                dialect.insertEvents(connection, inserts, recordedAt);
            } catch (SQLException e) {
                if (!lookUpIds && dialect.isUniqueViolation(e)) {
                    throw new LookUpFirst("an id stored already", e);
                }
                throw e;
            }
        }
        if (!lookUpIds && next != head + reserved) {
            // the positions taken are not the ones written: the look-up's path locks first and advances after
            throw new LookUpFirst("positions taken " + reserved + ", written " + (next - head), null);
        }
        if (next > head) {
            if (lookUpIds) {
                dialect.advanceHead(connection, next);
            }
            LOG.debug("Appended {} events at positions {}..{}", next - head, head, next - 1);
        }
        return new Written(results, head, next, streamVersions);
    }

    private static int distinctIds(List<StreamEvents> batch) {
        Set<String> ids = new HashSet<>();
        batch.forEach(entry -> entry.events().forEach(event -> ids.add(event.eventId())));
        return ids.size();
    }

    /**
     * Looks up the stored events among the batch's (by eventId, when {@code ids}) and the current version of each of
     * its streams that has events, except the versions known at this head; the write adds to both what it inserts.
     * No statement when there is nothing to look up.
     */
    private void lookUp(Connection connection, List<StreamEvents> batch, long head, boolean ids,
            Map<String, Stored> stored, Map<String, Long> versions) throws SQLException {
        Set<String> eventIds = new LinkedHashSet<>();
        Set<String> streams = new LinkedHashSet<>();
        for (StreamEvents entry : batch) {
            streams.add(entry.stream());
            if (ids) {
                entry.events().forEach(event -> eventIds.add(event.eventId()));
            }
        }
        versions.putAll(known.at(head, streams));
        streams.removeAll(versions.keySet());
        if (eventIds.isEmpty() && streams.isEmpty()) {
            return;
        }
        database.dialect().lookUp(connection, new ArrayList<>(eventIds), new ArrayList<>(streams), new Dialect.Lookup() {
            @Override
            public void stored(String eventId, String stream, long streamVersion, long globalPosition) {
                stored.put(eventId, new Stored(stream, streamVersion, globalPosition));
            }

            @Override
            public void streamVersion(String stream, long version) {
                versions.put(stream, version);
            }
        });
    }
}
