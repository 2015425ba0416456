package io.edarouter.store;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A catch-up subscription's loop: become the active instance (or wait as a standby), read from the checkpoint
 * in batches, hand each event to the handler, save the checkpoint after each success, and when caught up wait
 * for appends. A failing handler gets the same event again after the settings' {@link Backoff}. The checkpoint
 * does not pass an event the handler has not finished ({@link EventHandler#lowestUnfinishedPosition()}), and a
 * checkpoint move asked for while running ({@link EventStore#setCheckpoint}) is taken up before each read.
 */
final class CatchUpSubscription implements Subscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpSubscription.class);
    /** How often a standby tries to become active. */
    static final long STANDBY_RETRY_MILLIS = 1_000;
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final SubscriptionSettings settings;
    private final EventHandler handler;
    private final JdbcCheckpoints checkpoints;
    private final Function<String, SubscriptionSession> sessions;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object sleeper = new Object();
    private volatile boolean running = true;
    private volatile boolean active;

    /** @param sessions opens a session for one attempt of this instance to be the active one, by name */
    CatchUpSubscription(SubscriptionSettings settings, EventHandler handler, JdbcCheckpoints checkpoints,
            Function<String, SubscriptionSession> sessions) {
        this.settings = settings;
        this.handler = handler;
        this.checkpoints = checkpoints;
        this.sessions = sessions;
    }

    @Override
    public void run() {
        try {
            while (running) {
                long pause = STANDBY_RETRY_MILLIS;
                try (SubscriptionSession session = sessions.apply(settings.name())) {
                    if (session.tryAcquire()) {
                        active = true;
                        checkpoints.recordFilter(settings.name(), settings.filter());
                        deliverWhileHeld(session);
                        pause = 0;
                    }
                } catch (SubscriptionSession.LostLockException e) {
                    LOG.warn("Subscription {} stops delivering: {}", settings.name(), e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (running) {
                        LOG.warn("Subscription {} failed, trying again: {}", settings.name(), e.toString());
                        pause = settings.retry().initialDelay().toMillis();
                    }
                } finally {
                    if (active) {
                        LOG.info("Subscription {} is no longer active here", settings.name());
                    }
                    active = false;
                }
                pause(pause);
            }
        } finally {
            finished.countDown();
        }
    }

    private void deliverWhileHeld(SubscriptionSession session) throws Exception {
        long next = session.checkpoint();
        long saved = next;
        LOG.info("Subscription {} ({}) active from position {}", settings.name(), settings.filter(), next);
        while (running && session.isHeld()) {
            long rewind = session.takeRewind();
            if (rewind >= 0) {
                LOG.info("Subscription {} moves from position {} to {}", settings.name(), next, rewind);
                next = rewind;
                saved = rewind;
            }
            long token = session.beforeRead();
            List<RecordedEvent> batch = session.read(settings.filter(), next, settings.batchSize());
            if (batch.isEmpty()) {
                saved = saveCheckpoint(session, next, saved);
                session.awaitAppends(token, settings.pollInterval().toMillis());
                continue;
            }
            for (RecordedEvent event : batch) {
                if (!deliver(session, event)) {
                    return;
                }
                next = event.globalPosition() + 1;
                saved = saveCheckpoint(session, next, saved);
            }
        }
    }

    /** Saves the checkpoint up to {@code next}, but not past an event the handler has not finished. */
    private long saveCheckpoint(SubscriptionSession session, long next, long saved) throws Exception {
        long checkpoint = Math.min(next, handler.lowestUnfinishedPosition());
        if (checkpoint > saved) {
            session.saveCheckpoint(checkpoint);
            return checkpoint;
        }
        return saved;
    }

    /** Hands the event to the handler until it succeeds; false when stopped first. */
    private boolean deliver(SubscriptionSession session, RecordedEvent event) throws SubscriptionSession.LostLockException {
        int failures = 0;
        while (running) {
            if (!session.isHeld()) {
                throw new SubscriptionSession.LostLockException("subscription '" + settings.name()
                        + "' lost its lock before position " + event.globalPosition());
            }
            try {
                handler.handle(event);
                return true;
            } catch (Exception e) {
                long delay = settings.retry().delayMillis(++failures);
                LOG.warn("Subscription {}: handling position {} failed, again in {} ms: {}", settings.name(),
                        event.globalPosition(), delay, e.toString());
                pause(delay);
            }
        }
        return false;
    }

    private void pause(long millis) {
        if (millis <= 0 || !running) {
            return;
        }
        synchronized (sleeper) {
            try {
                sleeper.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        try {
            if (!finished.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Subscription {} did not stop within {} s", settings.name(), CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
