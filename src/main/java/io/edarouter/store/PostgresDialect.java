package io.edarouter.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** PostgreSQL, the production database. */
final class PostgresDialect extends Dialect {

    /** The channel appends notify, with the last global position as payload. */
    static final String CHANNEL = "eda_event_store";
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";
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

    /** PostgreSQL delivers notifications at commit, in commit order, to every listening session. */
    @Override
    void notifyAppended(Connection connection, long lastPosition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            statement.setString(1, Long.toString(lastPosition));
            statement.execute();
        }
    }

    /**
     * COPY into {@code es_events} itself: the appender has already given every row its position and version and
     * checked the ids under the head lock, so a staging table would add nothing; the table's constraints still apply
     * (a unique violation fails the COPY and the transaction, as it failed the INSERT). The rows go out in chunks of
     * about {@value #COPY_CHUNK} characters as they are written, so the server inserts while the next are formatted.
     * A pool that does not hand out pgjdbc connections gets the INSERT batch.
     */
    @Override
    void insertEvents(Connection connection, List<NewEvent> events, Instant recordedAt) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            super.insertEvents(connection, events, recordedAt);
            return;
        }
        String recorded = CopyRows.recordedAt(recordedAt);
        StringBuilder rows = new StringBuilder(COPY_CHUNK + 4096);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY_EVENTS);
        try {
            for (NewEvent row : events) {
                CopyRows.append(rows, row.position(), row.stream(), row.version(), row.event(), recorded);
                if (rows.length() >= COPY_CHUNK) {
                    write(copy, rows);
                }
            }
            write(copy, rows);
            long copied = copy.endCopy();
            if (copied != events.size()) {
                throw new SQLException("COPY into es_events wrote " + copied + " rows of " + events.size());
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
    boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    boolean hasSessionLocks() {
        return true;
    }
}
