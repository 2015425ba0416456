package io.edarouter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the journey of one event reads beside the store's reads: the stored event by its id, and where its copies
 * went when it was dispatched ({@code eda_dispatches}), which dispatch records, a batch at a time, and prunes.
 */
public final class EventJournal {

    private static final String DISPATCHES = "SELECT first_position, last_position, dispatched_at, copies"
            + " FROM eda_dispatches WHERE first_position BETWEEN ? AND ? AND last_position >= ? ORDER BY dispatched_at";
    /** The window of a prune: the highest first position of the oldest rows by position. */
    private static final String PRUNE_WINDOW = "SELECT MAX(first_position) FROM (SELECT first_position"
            + " FROM eda_dispatches ORDER BY first_position LIMIT ?) oldest";
    private static final String PRUNE = "DELETE FROM eda_dispatches WHERE first_position <= ? AND dispatched_at < ?";
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

    /** Records a batch's dispatches, one statement (a COPY on PostgreSQL). */
    public void record(List<DispatchRecord> dispatches) {
        if (dispatches.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            database.dialect().insertDispatches(connection, dispatches);
            return null;
        });
    }

    /**
     * Deletes the dispatches recorded before {@code before} among the {@code window} rows of the lowest positions
     * (an index range, so a prune never scans the table); returns how many. Positions grow with dispatch time, so
     * pruning again while this deletes some works through the old rows; a young row of a low position (an event
     * dispatched again much later) stays until it is old.
     */
    public int prune(Instant before, int window) {
        return database.inTransaction(connection -> {
            long highest;
            try (PreparedStatement select = connection.prepareStatement(PRUNE_WINDOW)) {
                select.setInt(1, window);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    highest = rows.getLong(1);
                    if (rows.wasNull()) {
                        return 0; // no rows
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(PRUNE)) {
                delete.setLong(1, highest);
                delete.setObject(2, before.atOffset(ZoneOffset.UTC));
                return delete.executeUpdate();
            }
        });
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

    /**
     * The dispatches of the event at this position, oldest first, each with that event's copies only (none: no
     * subscriber matched it); empty when it was not dispatched (or not recorded, or pruned).
     */
    public List<DispatchRecord> dispatches(long globalPosition) {
        return database.withConnection("cannot read the dispatches of position " + globalPosition, connection -> {
            try (PreparedStatement select = connection.prepareStatement(DISPATCHES)) {
                select.setLong(1, globalPosition - DispatchRecord.MAX_POSITIONS + 1);
                select.setLong(2, globalPosition);
                select.setLong(3, globalPosition);
                List<DispatchRecord> dispatches = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        DispatchRecord run = new DispatchRecord(rows.getLong(1), rows.getLong(2),
                                rows.getObject(3, OffsetDateTime.class).toInstant(), DispatchRecord.copiesOf(rows.getString(4)));
                        dispatches.add(new DispatchRecord(run.firstPosition(), run.lastPosition(), run.dispatchedAt(),
                                run.copiesOf(globalPosition)));
                    }
                }
                return dispatches;
            }
        });
    }
}
