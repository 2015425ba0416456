package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

import io.edarouter.event.Event;

/**
 * The SQL of the store. What is the same on every database lives here; {@link PostgresDialect} and
 * {@link H2Dialect} add what differs (migrations, JSON columns, notifications, locks held by a connection).
 */
abstract class Dialect {

    static final String EVENT_COLUMNS = "global_position, stream_name, stream_version, event_id, event_type,"
            + " event_timestamp, source, subject, correlation_id, causation_id, schema_version, data, metadata,"
            + " recorded_at";

    private static final String INSERT_DISPATCH = "INSERT INTO eda_dispatches (first_position, last_position,"
            + " dispatched_at, copies) VALUES (?, ?, ?, ?)";

    static final String LOCK_HEAD = "SELECT next_position FROM es_global_position WHERE id = 1 FOR UPDATE";
    static final String HEAD = "SELECT next_position FROM es_global_position WHERE id = 1";

    static final String READ_STREAM_FORWARD = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE stream_name = ? AND stream_version >= ? ORDER BY stream_version ASC LIMIT ?";
    static final String READ_STREAM_BACKWARD = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE stream_name = ? AND stream_version <= ? ORDER BY stream_version DESC LIMIT ?";
    static final String READ_ALL = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE global_position >= ? ORDER BY global_position ASC LIMIT ?";
    static final String READ_ALL_BACKWARD = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE global_position <= ? ORDER BY global_position DESC LIMIT ?";
    static final String READ_CATEGORY = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE category = ? AND global_position >= ? ORDER BY global_position ASC LIMIT ?";
    static final String READ_CATEGORY_BACKWARD = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE category = ? AND global_position <= ? ORDER BY global_position DESC LIMIT ?";
    static final String READ_EVENT_TYPE = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE event_type = ? AND global_position >= ? ORDER BY global_position ASC LIMIT ?";
    static final String READ_EVENT_TYPE_BACKWARD = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE event_type = ? AND global_position <= ? ORDER BY global_position DESC LIMIT ?";
    static final String READ_STREAM_FROM_POSITION = "SELECT " + EVENT_COLUMNS + " FROM es_events"
            + " WHERE stream_name = ? AND global_position >= ? ORDER BY global_position ASC LIMIT ?";

    // counts for lag stop at a limit: an index range scan of at most that many entries, however far behind
    static final String COUNT_CATEGORY = "SELECT COUNT(*) FROM (SELECT 1 FROM es_events"
            + " WHERE category = ? AND global_position >= ? ORDER BY global_position LIMIT ?) AS selected";
    static final String COUNT_EVENT_TYPE = "SELECT COUNT(*) FROM (SELECT 1 FROM es_events"
            + " WHERE event_type = ? AND global_position >= ? ORDER BY global_position LIMIT ?) AS selected";
    static final String COUNT_STREAM = "SELECT COUNT(*) FROM (SELECT 1 FROM es_events"
            + " WHERE stream_name = ? AND global_position >= ? LIMIT ?) AS selected";

    static final String SUBSCRIPTIONS = "SELECT name, position, updated_at, selector FROM es_subscriptions ORDER BY name";
    static final String SET_SELECTOR = "UPDATE es_subscriptions SET selector = ? WHERE name = ?";
    static final String SUBSCRIPTION_POSITION = "SELECT position FROM es_subscriptions WHERE name = ?";
    static final String INSERT_SUBSCRIPTION = "INSERT INTO es_subscriptions (name, position, updated_at) VALUES (?, 0, ?)";
    static final String SET_POSITION = "UPDATE es_subscriptions SET position = ?, updated_at = ? WHERE name = ?";
    static final String REQUEST_REWIND = "UPDATE es_subscriptions SET position = ?, rewind_to = ?, updated_at = ?"
            + " WHERE name = ?";
    static final String PENDING_REWIND = "SELECT rewind_to FROM es_subscriptions WHERE name = ?";
    static final String TAKE_REWIND = "UPDATE es_subscriptions SET position = ?, rewind_to = NULL, updated_at = ?"
            + " WHERE name = ? AND rewind_to = ?";
    static final String POSITION_AT = "SELECT MIN(global_position) FROM es_events WHERE recorded_at >= ?";

    /** The database this dialect speaks to, as Flyway names it. */
    abstract String vendor();

    /** Where this database's migrations are. */
    final String migrationLocation() {
        return "classpath:db/migration/" + vendor();
    }

    /**
     * Inserts one event. Parameters: global_position, stream_name, stream_version, category, event_id,
     * event_type, event_timestamp, source, subject, correlation_id, causation_id, schema_version, data,
     * metadata, recorded_at.
     */
    final String insertEvent() {
        return "INSERT INTO es_events (global_position, stream_name, stream_version, category, event_id, event_type,"
                + " event_timestamp, source, subject, correlation_id, causation_id, schema_version, data, metadata,"
                + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + jsonParameter() + ", "
                + jsonParameter() + ", ?)";
    }

    /**
     * Inserts an append's new events in one go, inside the append's transaction (the head row locked). This: one
     * JDBC batch of {@link #insertEvent()}; a dialect may stream them instead.
     */
    void insertEvents(Connection connection, List<NewEvent> events, Instant recordedAt) throws SQLException {
        OffsetDateTime recorded = OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement(insertEvent())) {
            for (NewEvent row : events) {
                Event event = row.event();
                insert.setLong(1, row.position());
                insert.setString(2, row.stream());
                insert.setLong(3, row.version());
                insert.setString(4, row.category());
                insert.setString(5, event.eventId());
                insert.setString(6, event.eventType());
                insert.setString(7, event.timestamp());
                insert.setString(8, event.source());
                insert.setString(9, event.subject());
                insert.setString(10, event.correlationId());
                insert.setString(11, event.causationId());
                insert.setString(12, event.schemaVersion());
                insert.setString(13, row.dataJson());
                insert.setString(14, row.metadataJson());
                insert.setObject(15, recorded);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A parameter bound with JSON text, for a column of the database's JSON type. */
    abstract String jsonParameter();

    /** The journey's rows of a dispatched batch, in {@code eda_dispatches}. */
    void insertDispatches(Connection connection, List<DispatchRecord> dispatches) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DISPATCH)) {
            OffsetDateTime at = null;
            for (DispatchRecord dispatch : dispatches) {
                if (at == null || !at.toInstant().equals(dispatch.dispatchedAt())) {
                    at = dispatch.dispatchedAt().atOffset(ZoneOffset.UTC);
                }
                insert.setLong(1, dispatch.firstPosition());
                insert.setLong(2, dispatch.lastPosition());
                insert.setObject(3, at);
                insert.setString(4, dispatch.copiesText());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Ids and stream versions are looked up at most this many at a time (one query per chunk). */
    private static final int LOOKUP_CHUNK = 500;

    /** What an append learns under the head lock, row by row. */
    interface Lookup {

        /** An event of the batch is stored already, in {@code stream} at these positions. */
        void stored(String eventId, String stream, long streamVersion, long globalPosition);

        /** A stream of the batch has events, the last at {@code version}. */
        void streamVersion(String stream, long version);
    }

    /**
     * Looks up which of the ids are stored and the current version of the streams, in the append's transaction
     * after the head lock. This: {@code IN (?, ...)} and one index probe per stream, {@value #LOOKUP_CHUNK} keys a
     * query; a dialect may do it in one statement.
     */
    void lookUp(Connection connection, List<String> ids, List<String> streams, Lookup found) throws SQLException {
        lookUp(connection, ids, count -> "SELECT event_id, stream_name, stream_version, global_position FROM es_events"
                + " WHERE event_id IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")",
                rows -> found.stored(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
        // one index probe per stream: PostgreSQL plans MAX ... WHERE stream_name IN (...) GROUP BY as a scan that
        // grows with the table
        lookUp(connection, streams, count -> "SELECT t.s, (SELECT MAX(e.stream_version) FROM es_events e"
                + " WHERE e.stream_name = t.s) FROM (VALUES "
                + String.join(", ", Collections.nCopies(count, "(CAST(? AS VARCHAR(255)))")) + ") AS t(s)",
                rows -> {
                    long version = rows.getLong(2);
                    if (!rows.wasNull()) {
                        found.streamVersion(rows.getString(1), version);
                    }
                });
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    /** Runs a query of {@code count} placeholders over the keys, {@value #LOOKUP_CHUNK} at a time. */
    private static void lookUp(Connection connection, List<String> keys, IntFunction<String> sql, RowReader reader)
            throws SQLException {
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
            try (PreparedStatement select = connection.prepareStatement(sql.apply(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        reader.read(rows);
                    }
                }
            }
        }
    }

    /** Prepares a pooled connection for an append transaction (before autocommit is turned off). */
    void beforeWrite(Connection connection) throws SQLException {
    }

    /**
     * Locks the head and moves it {@code count} positions on, for an append that knows before it looks anything up how
     * many events it inserts; answers the head it found (the first of the positions it holds). A dialect whose
     * database can do both in one statement does (one round trip fewer per append); the notification
     * {@link #advanceHead} sends is sent here too (heard at commit).
     */
    long reserve(Connection connection, int count) throws SQLException {
        long head = StoreDatabase.queryLong(connection, LOCK_HEAD);
        advanceHead(connection, head + count);
        return head;
    }

    /**
     * Moves the head (locked by this transaction) to {@code next} after inserting up to {@code next - 1}; a dialect
     * whose database can tell other processes also does so here (they hear it at commit).
     */
    void advanceHead(Connection connection, long next) throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE es_global_position SET next_position = ? WHERE id = 1")) {
            advance.setLong(1, next);
            advance.executeUpdate();
        }
    }

    /**
     * Whether a connection can hold a lock for as long as it lives and hear the appends of other processes
     * (PostgreSQL's advisory locks and LISTEN/NOTIFY). Without, the active instance of a subscription holds a lease
     * in the subscription's row and polls.
     */
    abstract boolean hasSessionLocks();

    /**
     * Whether the exception, or one it chains, says a unique constraint was violated (a concurrent insert won, an id
     * stored already): a JDBC batch reports its failure as a chain (H2: the batch's exception, then the statement's).
     */
    final boolean isUniqueViolation(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof SQLException sql && isUniqueViolationItself(sql)) {
                return true;
            }
            t = t instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : t.getCause();
        }
        return false;
    }

    /** Whether this exception itself says a unique constraint was violated. */
    abstract boolean isUniqueViolationItself(SQLException e);
}
