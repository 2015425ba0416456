package io.edarouter.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The active instance of a subscription on H2: a lease in the subscription's row ({@code lease_owner},
 * {@code lease_expires_at}), renewed by a heartbeat. An instance takes the lease when it is free or expired;
 * every checkpoint write is conditional on still owning it, so an instance that lost it stops delivering.
 * Appends in this JVM wake the live tail; otherwise it polls.
 */
final class H2LeaseSession implements SubscriptionSession {

    static final long LEASE_MILLIS = 10_000;
    static final long HEARTBEAT_MILLIS = 2_000;

    private static final RowLease LEASE = new RowLease("es_subscriptions", "name");
    private static final String SAVE = "UPDATE es_subscriptions SET position = ?, updated_at = ?, lease_expires_at = ?"
            + " WHERE name = ? AND lease_owner = ?";

    private final StoreDatabase database;
    private final JdbcCheckpoints checkpoints;
    private final JdbcReader reader;
    private final AppendSignal signal;
    private final ScheduledExecutorService heartbeats;
    private final String name;
    private final String owner = UUID.randomUUID().toString();
    private volatile boolean held;
    private ScheduledFuture<?> heartbeat;

    H2LeaseSession(StoreDatabase database, JdbcCheckpoints checkpoints, JdbcReader reader, AppendSignal signal,
            ScheduledExecutorService heartbeats, String name) {
        this.database = database;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.signal = signal;
        this.heartbeats = heartbeats;
        this.name = name;
    }

    @Override
    public boolean tryAcquire() {
        held = database.inTransaction(connection -> {
            checkpoints.ensure(connection, name);
            return LEASE.acquire(connection, name, owner, LEASE_MILLIS);
        });
        if (held) {
            heartbeat = heartbeats.scheduleWithFixedDelay(this::renew, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        return held;
    }

    private void renew() {
        try {
            boolean renewed = database.inTransaction(connection -> LEASE.renew(connection, name, owner, LEASE_MILLIS));
            if (!renewed) {
                held = false;
            }
        } catch (RuntimeException e) {
            // the lease may run out: the next checkpoint write tells
        }
    }

    @Override
    public boolean isHeld() {
        return held;
    }

    @Override
    public long checkpoint() {
        return database.inTransaction(connection -> checkpoints.position(connection, name));
    }

    @Override
    public void saveCheckpoint(long position) throws LostLockException {
        boolean saved = database.inTransaction(connection -> {
            try (PreparedStatement save = connection.prepareStatement(SAVE)) {
                save.setLong(1, position);
                save.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                save.setLong(3, System.currentTimeMillis() + LEASE_MILLIS);
                save.setString(4, name);
                save.setString(5, owner);
                return save.executeUpdate() == 1;
            }
        });
        if (!saved) {
            held = false;
            throw new LostLockException("subscription '" + name + "' lost its lease to another instance");
        }
    }

    @Override
    public long takeRewind() {
        return database.inTransaction(connection -> checkpoints.takeRewind(connection, name));
    }

    @Override
    public long beforeRead() {
        return signal.current();
    }

    @Override
    public List<RecordedEvent> read(SubscriptionFilter filter, long fromPosition, int limit) {
        return reader.read(filter, fromPosition, limit);
    }

    @Override
    public void awaitAppends(long token, long timeoutMillis) throws InterruptedException {
        signal.await(token, timeoutMillis);
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (held) {
            held = false;
            try {
                database.inTransaction(connection -> {
                    LEASE.release(connection, name, owner);
                    return null;
                });
            } catch (RuntimeException e) {
                // the lease expires by itself
            }
        }
    }
}
