package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscriptions' rows: each one's checkpoint, what it selects, and a checkpoint move asked for while an
 * instance runs ({@code rewind_to}), which the active instance takes up.
 */
final class JdbcCheckpoints {

    private final StoreDatabase database;

    JdbcCheckpoints(StoreDatabase database) {
        this.database = database;
    }

    /** See {@link EventStore#subscriptions()}. */
    List<SubscriptionCheckpoint> list() {
        return database.withConnection("cannot read subscriptions", connection -> {
            try (PreparedStatement select = connection.prepareStatement(Dialect.SUBSCRIPTIONS);
                 ResultSet rows = select.executeQuery()) {
                List<SubscriptionCheckpoint> checkpoints = new ArrayList<>();
                while (rows.next()) {
                    String selector = rows.getString(4);
                    checkpoints.add(new SubscriptionCheckpoint(rows.getString(1), rows.getLong(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(),
                            selector == null ? null : SubscriptionFilter.parse(selector)));
                }
                return checkpoints;
            }
        });
    }

    /** Creates the subscription's row, at position 0, unless it exists. */
    void ensure(Connection connection, String name) throws SQLException {
        if (position(connection, name) >= 0) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(Dialect.INSERT_SUBSCRIPTION)) {
            insert.setString(1, name);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!database.dialect().isUniqueViolation(e)) {
                throw e;
            }
            // another instance created it meanwhile
        }
    }

    /** The durable checkpoint, or -1 when the subscription has no row. */
    long position(Connection connection, String name) throws SQLException {
        return StoreDatabase.queryLong(connection, Dialect.SUBSCRIPTION_POSITION, name);
    }

    /**
     * Records what a subscription selects, for its lag (see {@link SubscriptionCheckpoint#filter()}); its row exists
     * once an instance became active.
     */
    void recordFilter(String subscription, SubscriptionFilter filter) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(Dialect.SET_SELECTOR)) {
                update.setString(1, filter.toString());
                update.setString(2, subscription);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** See {@link EventStore#setCheckpoint}. */
    void move(String subscription, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a checkpoint is a global position >= 0, was " + position);
        }
        database.inTransaction(connection -> {
            ensure(connection, subscription);
            // position for an instance that starts later, rewind_to for the one running now (it takes it up)
            try (PreparedStatement update = connection.prepareStatement(Dialect.REQUEST_REWIND)) {
                update.setLong(1, position);
                update.setLong(2, position);
                update.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                update.setString(4, subscription);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Takes up a checkpoint move asked for by {@link #move} while the subscription runs: the new checkpoint, saved,
     * or -1 when none is pending.
     */
    long takeRewind(Connection connection, String subscription) throws SQLException {
        long rewind = StoreDatabase.queryLong(connection, Dialect.PENDING_REWIND, subscription);
        if (rewind < 0) {
            return -1;
        }
        try (PreparedStatement take = connection.prepareStatement(Dialect.TAKE_REWIND)) {
            take.setLong(1, rewind);
            take.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            take.setString(3, subscription);
            take.setLong(4, rewind);
            // a newer request came in between: the next look takes that one
            return take.executeUpdate() == 1 ? rewind : -1;
        }
    }
}
