package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * The active instance of a subscription on PostgreSQL: one dedicated connection holds a session advisory
 * lock keyed by the subscription's {@code lock_key}, LISTENs for appends, reads and saves the checkpoint.
 * If the process dies, its connection closes and PostgreSQL releases the lock for a standby; if the
 * connection breaks, the next checkpoint write fails and this instance stops delivering.
 * Checkpoint writes use {@code synchronous_commit = off}: a database crash may lose the last few checkpoint
 * moves, which redelivers those events (at-least-once), never skips one.
 */
final class PostgresSubscriptionSession implements SubscriptionSession {

    /** First key of the two-key advisory locks the store takes ("ES"), the second is the lock_key. */
    private static final int LOCK_CLASS = 0x4553;
    private static final String LOCK_KEY = "SELECT lock_key FROM es_subscriptions WHERE name = ?";
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?, ?)";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(?, ?)";

    private final StoreDatabase database;
    private final JdbcCheckpoints checkpoints;
    private final JdbcReader reader;
    private final String name;
    private Connection connection;
    private PGConnection notifications;
    private int lockKey;
    private volatile boolean held;

    PostgresSubscriptionSession(StoreDatabase database, JdbcCheckpoints checkpoints, JdbcReader reader, String name) {
        this.database = database;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.name = name;
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        connection = database.dataSource().getConnection();
        connection.setAutoCommit(true);
        checkpoints.ensure(connection, name);
        lockKey = (int) StoreDatabase.queryLong(connection, LOCK_KEY, name);
        try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, lockKey);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                held = rows.getBoolean(1);
            }
        }
        if (!held) {
            connection.close();
            connection = null;
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + PostgresDialect.CHANNEL);
            statement.execute("SET synchronous_commit = off");
        }
        notifications = connection.unwrap(PGConnection.class);
        return true;
    }

    @Override
    public boolean isHeld() {
        return held;
    }

    @Override
    public long checkpoint() throws SQLException {
        return checkpoints.position(connection, name);
    }

    @Override
    public void saveCheckpoint(long position) throws SQLException, LostLockException {
        try (PreparedStatement update = connection.prepareStatement(Dialect.SET_POSITION)) {
            update.setLong(1, position);
            update.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            update.setString(3, name);
            if (update.executeUpdate() == 0) {
                held = false;
                throw new LostLockException("subscription '" + name + "' was deleted");
            }
        } catch (SQLException e) {
            held = false; // the lock connection is in doubt: stop delivering, reacquire
            throw e;
        }
    }

    @Override
    public long takeRewind() throws SQLException {
        return checkpoints.takeRewind(connection, name);
    }

    @Override
    public long beforeRead() {
        return 0;
    }

    @Override
    public List<RecordedEvent> read(SubscriptionFilter filter, long fromPosition, int limit) throws SQLException {
        return reader.read(connection, filter, fromPosition, limit);
    }

    @Override
    public void awaitAppends(long token, long timeoutMillis) throws SQLException {
        // a notification sent since LISTEN waits here, so one committed while reading is not missed
        notifications.getNotifications((int) Math.max(1, timeoutMillis));
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // the connection goes back to a pool: leave no lock, listener or setting behind
            if (held) {
                try (PreparedStatement unlock = connection.prepareStatement(UNLOCK)) {
                    unlock.setInt(1, LOCK_CLASS);
                    unlock.setInt(2, lockKey);
                    unlock.execute();
                }
            }
            statement.execute("UNLISTEN *");
            statement.execute("RESET synchronous_commit");
        } catch (SQLException e) {
            try {
                connection.abort(Runnable::run); // never pool a connection that may still hold the lock
            } catch (SQLException ignored) {
                // closing below
            }
        } finally {
            held = false;
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
