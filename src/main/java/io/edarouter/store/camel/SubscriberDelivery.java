package io.edarouter.store.camel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.edarouter.observe.ThrottledLog;
import io.edarouter.store.EventHandler;
import io.edarouter.store.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Delivers a store-driven subscriber's events under its {@link DeliveryPolicy}: a failed event is tried again
 * after a growing, jittered delay, and after the last attempt (or once older than the maximum age) it goes to the
 * dead-letter sink. Retries are scheduled, not slept: while an event waits, other events keep flowing.
 *
 * <p>Ordered: events of one stream are delivered one at a time in order; while an event of stream S waits for a
 * retry, later events of S wait behind it and other streams flow. Unordered: nothing is held back.
 *
 * <p>As the subscription's {@link EventHandler}, {@link #handle} only hands an event over; the subscription's
 * checkpoint stays at {@link #lowestUnfinishedPosition()}, the lowest event neither delivered nor dead-lettered.
 * At most {@code maxInFlight} events are unfinished; {@link #handle} waits for room beyond that.
 */
final class SubscriberDelivery implements EventHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberDelivery.class);

    /** Hands one event to the subscriber (its route); throws when the subscriber failed. */
    @FunctionalInterface
    interface Target {
        void deliver(RecordedEvent event) throws Exception;
    }

    /** Takes an event the subscriber gave up on. */
    @FunctionalInterface
    interface DeadLetterSink {
        void deadLetter(RecordedEvent event, String reason, int attempts) throws Exception;
    }

    private final String name;
    private final DeliveryPolicy policy;
    private final boolean ordered;
    private final int maxInFlight;
    private final Target target;
    private final DeadLetterSink sink;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    // per event, so at most a line per interval each (the subscription's meters count them)
    private final ThrottledLog retried;
    private final ThrottledLog deadLettered;
    private final ThrottledLog deadLetterFailed;

    // guarded by this
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private final Map<String, ArrayDeque<Delivery>> streams = new HashMap<>();
    private int inFlight;
    private boolean closed;

    SubscriberDelivery(String name, DeliveryPolicy policy, boolean ordered, int maxInFlight, Target target,
            DeadLetterSink sink, ScheduledExecutorService executor, Clock clock) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.name = name;
        this.policy = policy;
        this.ordered = ordered;
        this.maxInFlight = maxInFlight;
        this.target = target;
        this.sink = sink;
        this.executor = executor;
        this.clock = clock;
        this.retried = new ThrottledLog(LOG, Level.WARN, "Subscription " + name + ": failed deliveries tried again");
        this.deadLettered = new ThrottledLog(LOG, Level.WARN, "Subscription " + name + ": events dead-lettered");
        this.deadLetterFailed = new ThrottledLog(LOG, Level.ERROR, "Subscription " + name
                + ": dead letters that could not be written");
    }

    /** One event on its way: whether it holds the checkpoint back, since when its age counts, attempts made. */
    private static final class Delivery {
        final RecordedEvent event;
        final boolean tracked;
        final Instant since;
        int failedAttempts;

        Delivery(RecordedEvent event, boolean tracked, Instant since) {
            this.event = event;
            this.tracked = tracked;
            this.since = since;
        }
    }

    /**
     * From the subscription: delivers the event in the background and keeps the checkpoint before it until it is
     * delivered or dead-lettered. An event already on its way (read again after a checkpoint move) is skipped.
     * The event's age counts from when the store recorded it.
     */
    @Override
    public void handle(RecordedEvent event) throws InterruptedException {
        Delivery delivery;
        synchronized (this) {
            if (unfinished.contains(event.globalPosition())) {
                return;
            }
            awaitRoom();
            unfinished.add(event.globalPosition());
            delivery = new Delivery(event, true, event.recordedAt());
        }
        enqueue(delivery);
    }

    /**
     * Delivers a stored event again, outside the checkpoint (replay, redrive), under the same policy; its age
     * counts from now. Waits while {@code maxInFlight} events are unfinished.
     */
    void resend(RecordedEvent event) throws InterruptedException {
        synchronized (this) {
            awaitRoom();
        }
        enqueue(new Delivery(event, false, clock.instant()));
    }

    private void awaitRoom() throws InterruptedException {
        while (inFlight >= maxInFlight && !closed) {
            wait(1_000);
        }
        if (closed) {
            throw new IllegalStateException("delivery of subscription '" + name + "' is closed");
        }
        inFlight++;
    }

    @Override
    public synchronized long lowestUnfinishedPosition() {
        return unfinished.isEmpty() ? Long.MAX_VALUE : unfinished.first();
    }

    /** Events handed over and neither delivered nor dead-lettered yet. */
    synchronized int inFlight() {
        return inFlight;
    }

    private void enqueue(Delivery delivery) {
        if (ordered) {
            synchronized (this) {
                ArrayDeque<Delivery> waiting = streams.get(delivery.event.stream());
                if (waiting != null) {
                    waiting.add(delivery); // held back behind an earlier event of its stream
                    return;
                }
                streams.put(delivery.event.stream(), new ArrayDeque<>());
            }
        }
        schedule(delivery, 0);
    }

    private void schedule(Delivery delivery, long delayMillis) {
        try {
            executor.schedule(() -> attempt(delivery), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Subscription {}: stopped before position {} was delivered", name,
                    delivery.event.globalPosition());
        }
    }

    private void attempt(Delivery delivery) {
        RecordedEvent event = delivery.event;
        try {
            target.deliver(event);
            finished(delivery);
            return;
        } catch (Exception e) {
            delivery.failedAttempts++;
            String giveUp = policy.giveUpReason(delivery.failedAttempts, delivery.since, clock.instant());
            if (giveUp == null) {
                Duration delay = policy.retry().jitteredDelay(delivery.failedAttempts, ThreadLocalRandom.current());
                retried.occurred("Subscription {}: position {} (stream {}, event {}) failed on attempt {}, again in {} ms: {}",
                        name, event.globalPosition(), event.stream(), event.event().eventId(), delivery.failedAttempts,
                        delay.toMillis(), e.toString());
                schedule(delivery, delay.toMillis());
                return;
            }
            deadLetter(delivery, giveUp + "; last error: " + e);
        }
    }

    private void deadLetter(Delivery delivery, String reason) {
        RecordedEvent event = delivery.event;
        try {
            sink.deadLetter(event, reason, delivery.failedAttempts);
            deadLettered.occurred("Subscription {}: position {} (stream {}, event {}) dead-lettered: {}", name,
                    event.globalPosition(), event.stream(), event.event().eventId(), reason);
            finished(delivery);
        } catch (Exception e) {
            long delay = policy.retry().maxDelay().toMillis();
            // not expected (the dead-letter endpoint or the store is down): the first comes with its stack trace
            deadLetterFailed.occurred("Subscription {}: dead-lettering position {} (event {}) failed, delivering again in {} ms: {}",
                    name, event.globalPosition(), event.event().eventId(), delay, e.toString(), e);
            schedule(delivery, delay);
        }
    }

    private void finished(Delivery delivery) {
        Delivery next = null;
        synchronized (this) {
            if (delivery.tracked) {
                unfinished.remove(delivery.event.globalPosition());
            }
            inFlight--;
            notifyAll();
            if (ordered) {
                ArrayDeque<Delivery> waiting = streams.get(delivery.event.stream());
                next = waiting == null ? null : waiting.poll();
                if (next == null) {
                    streams.remove(delivery.event.stream());
                }
            }
        }
        if (next != null) {
            schedule(next, 0);
        }
    }

    /** Stops taking events; unfinished ones stay before the checkpoint and are delivered after a restart. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
