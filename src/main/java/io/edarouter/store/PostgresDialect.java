package io.edarouter.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.edarouter.event.Event;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** PostgreSQL, the production database. */
final class PostgresDialect extends Dialect {

    /** The channel appends notify, with the last global position as payload. */
    static final String CHANNEL = "eda_event_store";
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";
    private static final String UNIQUE_VIOLATION = "23505";
    /** The insert of an append's events: one COPY, streamed in one round trip, in place of a batch of INSERTs. */
    private static final String COPY_EVENTS = "COPY es_events (global_position, stream_name, stream_version, category,"
            + " event_id, event_type, event_timestamp, source, subject, correlation_id, causation_id, schema_version,"
            + " data, metadata, recorded_at) FROM STDIN";
    /** recorded_at as COPY reads it; all six fraction digits, so no instant prints without its seconds. */
    private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

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
     * (a unique violation fails the COPY and the transaction, as it failed the INSERT). A pool that does not hand out
     * pgjdbc connections gets the INSERT batch.
     */
    @Override
    void insertEvents(Connection connection, List<NewEvent> events, Instant recordedAt) throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            super.insertEvents(connection, events, recordedAt);
            return;
        }
        String recorded = RECORDED_AT.format(recordedAt);
        StringBuilder rows = new StringBuilder(events.size() * 1024);
        for (NewEvent row : events) {
            Event event = row.event();
            rows.append(row.position()).append('\t');
            field(rows, row.stream());
            rows.append(row.version()).append('\t');
            field(rows, row.category());
            field(rows, event.eventId());
            field(rows, event.eventType());
            field(rows, event.timestamp());
            field(rows, event.source());
            field(rows, event.subject());
            field(rows, event.correlationId());
            field(rows, event.causationId());
            field(rows, event.schemaVersion());
            field(rows, row.dataJson());
            field(rows, row.metadataJson());
            rows.append(recorded).append('\n');
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
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

    /** A field of COPY's text format and its tab: {@code \N} for null, backslash, tab and line breaks escaped. */
    private static void field(StringBuilder row, String value) {
        if (value == null) {
            row.append("\\N\t");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        row.append('\t');
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
