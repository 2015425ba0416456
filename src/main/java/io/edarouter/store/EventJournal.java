package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the journey of one event reads beside the store's reads: the stored event by its id, and where its copies
 * went when it was dispatched ({@code eda_dispatches}), which dispatch records, a batch at a time.
 */
public final class EventJournal {

    /** Rows per INSERT: 6 parameters each stays far below PostgreSQL's 65535 parameters of a statement. */
    static final int ROWS_PER_STATEMENT = 1000;
    private static final String INSERT = "INSERT INTO eda_dispatches (event_id, global_position, subscriber, target,"
            + " dispatched_at, outcome) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?)";
    private static final String DISPATCHES = "SELECT event_id, global_position, subscriber, target, dispatched_at, outcome"
            + " FROM eda_dispatches WHERE event_id = ? ORDER BY dispatched_at, subscriber";
    private static final String DEAD_LETTERS = "SELECT id FROM eda_dead_letters WHERE event_id = ? ORDER BY id";
    private static final String PENDING_DEAD_LETTERS = "SELECT COUNT(*) FROM eda_dead_letters WHERE redriven_at IS NULL";
    private static final String EVENT = "SELECT " + Dialect.EVENT_COLUMNS + " FROM es_events WHERE event_id = ? LIMIT ?";

    private final StoreDatabase database;

    EventJournal(StoreDatabase database) {
        this.database = database;
    }

    /** The stored event of this id; empty when the store has none. */
    public Optional<RecordedEvent> event(String eventId) {
        return database.withConnection("cannot read event " + eventId,
                connection -> JdbcReader.read(connection, EVENT, 1, eventId)).stream().findFirst();
    }

    /** Records a batch's dispatches: one statement (up to {@value #ROWS_PER_STATEMENT} rows each) for the batch. */
    public void record(List<DispatchRecord> dispatches) {
        if (dispatches.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            for (int from = 0; from < dispatches.size(); from += ROWS_PER_STATEMENT) {
                insert(connection, dispatches.subList(from, Math.min(dispatches.size(), from + ROWS_PER_STATEMENT)));
            }
            return null;
        });
    }

    private static void insert(Connection connection, List<DispatchRecord> rows) throws SQLException {
        StringBuilder sql = new StringBuilder(INSERT.length() + rows.size() * (ROW.length() + 2)).append(INSERT);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (DispatchRecord row : rows) {
                insert.setString(index++, row.eventId());
                if (row.globalPosition() >= 0) {
                    insert.setLong(index++, row.globalPosition());
                } else {
                    insert.setNull(index++, Types.BIGINT);
                }
                insert.setString(index++, row.subscriber());
                insert.setString(index++, row.target());
                insert.setObject(index++, row.dispatchedAt().atOffset(ZoneOffset.UTC));
                insert.setString(index++, row.outcome());
            }
            insert.executeUpdate();
        }
    }

    /** How many dead letters were never redriven. */
    public long pendingDeadLetters() {
        return database.withConnection("cannot count the dead letters",
                connection -> StoreDatabase.queryLong(connection, PENDING_DEAD_LETTERS));
    }

    /** The ids of the event's dead letters, oldest first (read each with {@link DeadLetterLog#find}). */
    public List<Long> deadLetterIds(String eventId) {
        return database.withConnection("cannot read the dead letters of event " + eventId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(DEAD_LETTERS)) {
                select.setString(1, eventId);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Where the event's copies went, oldest dispatch first; empty when it was not dispatched (or not recorded). */
    public List<DispatchRecord> dispatches(String eventId) {
        return database.withConnection("cannot read the dispatches of event " + eventId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(DISPATCHES)) {
                select.setString(1, eventId);
                List<DispatchRecord> dispatches = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long position = rows.getLong("global_position");
                        if (rows.wasNull()) {
                            position = -1;
                        }
                        dispatches.add(new DispatchRecord(rows.getString("event_id"), position,
                                rows.getString("subscriber"), rows.getString("target"),
                                rows.getObject("dispatched_at", OffsetDateTime.class).toInstant(), rows.getString("outcome")));
                    }
                }
                return dispatches;
            }
        });
    }
}
