package io.edarouter.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** PostgreSQL, the production database. */
final class PostgresDialect extends Dialect {

    /** The channel appends notify, with the last global position as payload. */
    static final String CHANNEL = "eda_event_store";
    /** The head's advance and the notification in one statement (one round trip); payload: the last position. */
    private static final String ADVANCE_AND_NOTIFY = advanceAndNotify("?");
    /** Locks the head row and moves it on in one statement: the lock wait comes first, so it counts on from the newest. */
    private static final String RESERVE_AND_NOTIFY = advanceAndNotify("next_position + ?");
    private static final String UNIQUE_VIOLATION = "23505";
    /** Characters of COPY rows sent at a time (about 30 events of 1 KB). */
    private static final int COPY_CHUNK = 32 * 1024;

    @Override
    String vendor() {
        return "postgresql";
    }

    @Override
    String jsonParameter() {
        return "CAST(? AS json)";
    }

    /**
     * Both look-ups in one statement, each key list bound as one array: the statement's text never changes, so the
     * driver prepares it on the server once per connection and PostgreSQL plans it once, where a list of 500
     * placeholders was parsed and planned for every batch. Rows without an event_id are stream versions.
     */
    private static final String LOOK_UP = "SELECT e.event_id, e.stream_name, e.stream_version, e.global_position"
            + " FROM es_events e WHERE e.event_id = ANY (CAST(? AS TEXT[]))"
            + " UNION ALL SELECT CAST(NULL AS TEXT), t.s, (SELECT MAX(v.stream_version) FROM es_events v"
            + " WHERE v.stream_name = t.s), CAST(NULL AS BIGINT) FROM unnest(CAST(? AS TEXT[])) AS t(s)";

    @Override
    void lookUp(Connection connection, List<String> ids, List<String> streams, Lookup found) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOOK_UP)) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            select.setArray(2, connection.createArrayOf("text", streams.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String eventId = rows.getString(1);
                    long version = rows.getLong(3);
                    if (eventId != null) {
                        found.stored(eventId, rows.getString(2), version, rows.getLong(4));
                    } else if (!rows.wasNull()) {
                        found.streamVersion(rows.getString(2), version);
                    }
                }
            }
        }
    }

    private static String advanceAndNotify(String nextPosition) {
        return "WITH advanced AS (UPDATE es_global_position SET next_position = " + nextPosition
                + " WHERE id = 1 RETURNING next_position)"
                + " SELECT next_position, pg_notify('" + CHANNEL + "', CAST(next_position - 1 AS TEXT)) FROM advanced";
    }

    /** PostgreSQL delivers notifications at commit, in commit order, to every listening session. */
    @Override
    void advanceHead(Connection connection, long next) throws SQLException {
        advance(connection, ADVANCE_AND_NOTIFY, next);
    }

    @Override
    long reserve(Connection connection, int count) throws SQLException {
        return advance(connection, RESERVE_AND_NOTIFY, count) - count;
    }

    /** Runs one of the head's updates and answers where it left the head. */
    private static long advance(Connection connection, String sql, long parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, parameter);
            try (ResultSet advanced = statement.executeQuery()) {
                if (!advanced.next()) {
                    throw new SQLException("es_global_position has no row 1");
                }
                return advanced.getLong(1);
            }
        }
    }

    /**
     * COPY into {@code es_events} itself: the appender has already given every row its position and version and
     * checked the ids under the head lock, so a staging table would add nothing; the table's constraints still apply
     * (a unique violation fails the COPY and the transaction, as it failed the INSERT). A pool that does not hand out pgjdbc connections gets the INSERT batch.
     */
    @Override
    void insertEvents(Connection connection, List<NewEvent> events, Instant recordedAt) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            super.insertEvents(connection, events, recordedAt);
            return;
        }
        String recorded = CopyRows.recordedAt(recordedAt);
        copy(connection, CopyRows.COPY_EVENTS, events,
                (rows, row) -> CopyRows.append(rows, row.position(), row.stream(), row.version(), row.event(), recorded));
    }

    /** COPY as the events are, with the INSERT batch for a pool that does not hand out pgjdbc connections. */
    @Override
    void insertDispatches(Connection connection, List<DispatchRecord> dispatches) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            super.insertDispatches(connection, dispatches);
            return;
        }
        // a batch's rows share their dispatch time: formatted once
        Instant[] formatted = {null};
        String[] text = {null};
        copy(connection, CopyRows.COPY_DISPATCHES, dispatches, (rows, dispatch) -> {
            if (!dispatch.dispatchedAt().equals(formatted[0])) {
                formatted[0] = dispatch.dispatchedAt();
                text[0] = CopyRows.recordedAt(formatted[0]);
            }
            CopyRows.appendDispatch(rows, dispatch, text[0]);
        });
    }

    /**
     * Streams {@code items} as COPY rows, in chunks of about {@value #COPY_CHUNK} characters as they are formatted, so
     * the server inserts while the next are formatted; fails unless the server took one row per item.
     */
    private static <T> void copy(Connection connection, String sql, List<T> items, BiConsumer<StringBuilder, T> format)
            throws SQLException {
        StringBuilder rows = new StringBuilder(COPY_CHUNK + 4096);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            for (T item : items) {
                format.accept(rows, item);
                if (rows.length() >= COPY_CHUNK) {
                    write(copy, rows);
                }
            }
            write(copy, rows);
            long copied = copy.endCopy();
            if (copied != items.size()) {
                throw new SQLException(sql + " wrote " + copied + " rows of " + items.size());
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    @Override
    boolean isUniqueViolationItself(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    boolean hasSessionLocks() {
        return true;
    }
}
