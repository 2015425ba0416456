package io.edarouter.store;

import java.sql.SQLException;
import java.util.List;

/**
 * One attempt of a subscription instance to be the active one: it holds the subscription's lock (or lease),
 * reads, waits for appends and saves the checkpoint, each fenced by the lock. Made by the {@link Dialect}.
 */
interface SubscriptionSession extends AutoCloseable {

    /** Takes the lock if no other instance holds it; true when this session holds it now. */
    boolean tryAcquire() throws SQLException;

    /** False once the lock is known lost (another instance may be active). */
    boolean isHeld();

    /** The durable checkpoint: the global position to read next. */
    long checkpoint() throws SQLException;

    /** Stores the checkpoint, only while the lock is held. */
    void saveCheckpoint(long position) throws SQLException, LostLockException;

    /**
     * Takes up a checkpoint move asked for while this instance runs (see {@link EventStore#setCheckpoint}):
     * the new checkpoint, already saved, or -1 when none is pending.
     */
    long takeRewind() throws SQLException;

    /** A token to pass to {@link #awaitAppends}, taken before reading. */
    long beforeRead();

    List<RecordedEvent> read(SubscriptionFilter filter, long fromPosition, int limit) throws SQLException;

    /** Waits for appends committed after {@code token} was taken, at most {@code timeoutMillis}. */
    void awaitAppends(long token, long timeoutMillis) throws SQLException, InterruptedException;

    /** Releases the lock (if held) and the session's resources. */
    @Override
    void close();

    /** The lock was lost: another instance may be active, this one must stop delivering. */
    final class LostLockException extends Exception {
        LostLockException(String message) {
            super(message);
        }
    }
}
