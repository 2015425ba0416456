package io.edarouter.store;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts catch-up subscriptions and decides how the instances of one subscription, across processes, agree on the
 * active one: on PostgreSQL it holds an advisory lock on its own connection ({@link PostgresSubscriptionSession}),
 * released when its process dies; on H2 it holds a lease in the subscription's row ({@link H2LeaseSession}),
 * renewed by a heartbeat and taken over once it runs out.
 */
final class JdbcSubscriptions implements AutoCloseable {

    private final StoreDatabase database;
    private final JdbcCheckpoints checkpoints;
    private final JdbcReader reader;
    private final AppendSignal signal;
    private ScheduledExecutorService heartbeats;

    JdbcSubscriptions(StoreDatabase database, JdbcCheckpoints checkpoints, JdbcReader reader, AppendSignal signal) {
        this.database = database;
        this.checkpoints = checkpoints;
        this.reader = reader;
        this.signal = signal;
    }

    /** See {@link EventStore#subscribe}. */
    Subscription subscribe(SubscriptionSettings settings, EventHandler handler, Executor executor) {
        CatchUpSubscription subscription = new CatchUpSubscription(settings, handler, checkpoints, this::openSession);
        executor.execute(subscription);
        return subscription;
    }

    /** A session for one attempt of an instance to be the active one. */
    private SubscriptionSession openSession(String subscription) {
        if (database.dialect().hasSessionLocks()) {
            return new PostgresSubscriptionSession(database, checkpoints, reader, subscription);
        }
        return new H2LeaseSession(database, checkpoints, reader, signal, heartbeats(), subscription);
    }

    /** A daemon scheduler for lease heartbeats, made on first use. */
    private synchronized ScheduledExecutorService heartbeats() {
        if (heartbeats == null) {
            heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "eda-event-store-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
        }
        return heartbeats;
    }

    @Override
    public synchronized void close() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }
}
