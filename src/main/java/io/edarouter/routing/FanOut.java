package io.edarouter.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.edarouter.broker.BatchingProducer;
import io.edarouter.event.Event;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the copies of one exchange to their subscribers' targets: to broker targets every copy is handed over first
 * and all are awaited together, so a batch costs one round trip to the broker, not one per event (a
 * {@link BatchingProducer}, Kinesis's and SQS's, gets all of the batch's copies in one hand-over and sends them in
 * as few calls as the broker allows) (a broker producer
 * keeps the order of the sends of one stream: Kafka with idempotence on); to targets inside this Camel context one
 * after the other, on the calling thread. Every copy is tried; the outcome is counted per subscriber, logged once per
 * failing subscriber, and the first failure is thrown once all sends have finished (the first of each other failing
 * subscriber added as suppressed). A broker send that failed, or has not finished within the send timeout, also gets
 * its producer replaced: a Kafka producer can be left in a state it never leaves (an idempotent one refused with
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} retries for as long as its delivery timeout), and the retried exchange must
 * meet a fresh one.
 *
 * <p>A Kafka producer is flushed once the batch's copies are all handed to it: it holds a partition's records for
 * up to {@code linger.ms} so they leave in a few full produce requests, but once a batch's copies are all there
 * nothing more is coming for them, and the batch (so the offsets' commit and the next batch) would wait out the
 * linger for nothing. The flush runs on {@code flusher}, as {@code flush()} blocks until the records are answered,
 * with no time-out of its own (the send timeout bounds the wait here).
 */
final class FanOut {

    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /** A copy of an event on its way to one subscriber. */
    static final class Send {
        private final Subscriber subscriber;
        private final Exchange copy;
        /** The producer it was handed to. */
        private AsyncProducer producer;
        private volatile boolean finished;

        Send(Subscriber subscriber, Exchange copy) {
            this.subscriber = subscriber;
            this.copy = copy;
        }

        Subscriber subscriber() {
            return subscriber;
        }

        /** Once {@link #send} returned or threw: sent, failed with why, or unfinished within the send timeout. */
        String outcome() {
            if (!finished) {
                return "unfinished";
            }
            Exception e = copy.getException();
            return e == null ? io.edarouter.store.DispatchRecord.Copy.SENT
                    : "failed: " + (e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /** How the sends of one exchange to one subscriber went. */
    private static final class Outcome {
        private final Subscriber subscriber;
        private int sent;
        private int failed;
        private Exception first;
        private Send firstFailed;

        Outcome(Subscriber subscriber) {
            this.subscriber = subscriber;
        }
    }

    private final long sendTimeoutMillis;
    /** Whether dispatch still runs: a stopping one replaces no producer. */
    private final BooleanSupplier running;
    private final Executor flusher;

    FanOut(long sendTimeoutMillis, BooleanSupplier running, Executor flusher) {
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.running = running;
        this.flusher = flusher;
    }

    /** Sends every copy through its target's producer and waits for them, at most the send timeout. */
    void send(DispatchTargets targets, List<Send> sends) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis);
        CountDownLatch done = new CountDownLatch(sends.size());
        // the copies for a batching producer (Kinesis, SQS), handed over together once all others went
        Map<BatchingProducer<?>, List<Send>> batched = new LinkedHashMap<>();
        Set<Producer<?, ?>> lingering = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Send send : sends) {
            DispatchTargets.Target target = targets.target(send.subscriber);
            send.producer = target.producer();
            try {
                if (target.isBroker() && send.producer instanceof BatchingProducer<?> batching) {
                    batched.computeIfAbsent(batching, producer -> new ArrayList<>()).add(send);
                } else if (target.isBroker()) {
                    send.producer.process(send.copy, doneSync -> {
                        send.finished = true;
                        done.countDown();
                    });
                    if (send.producer instanceof KafkaProducer kafka && kafka.getKafkaProducer() != null) {
                        lingering.add(kafka.getKafkaProducer());
                    }
                } else {
                    send.producer.process(send.copy);
                    send.finished = true;
                    done.countDown();
                }
            } catch (Exception e) {
                send.copy.setException(e);
                send.finished = true;
                done.countDown();
            }
        }
        batched.forEach((producer, group) -> producer.processAll(group.stream().map(send -> send.copy).toList(),
                group.stream().<AsyncCallback>map(send -> doneSync -> {
                    send.finished = true;
                    done.countDown();
                }).toList()));
        lingering.forEach(this::flush);
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Exception failure = settle(targets, sends);
        if (failure != null) {
            throw failure;
        }
    }

    private void flush(Producer<?, ?> producer) {
        try {
            flusher.execute(() -> {
                try {
                    producer.flush();
                } catch (RuntimeException e) {
                    // closed (replaced after a failed send) or interrupted: each send's own callback tells its outcome
                }
            });
        } catch (RejectedExecutionException e) {
            // dispatch is stopping: the records still leave after the linger
        }
    }

    /**
     * Counts the sends per subscriber, replaces the broker producers whose sends failed or did not finish, logs one
     * line per failing subscriber, and answers the first failure (the first of each other failing subscriber added
     * as suppressed), or null.
     */
    private Exception settle(DispatchTargets targets, List<Send> sends) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Send send : sends) {
            Outcome outcome = outcomes.computeIfAbsent(send.subscriber.name(), name -> new Outcome(send.subscriber));
            Exception e = send.finished ? send.copy.getException() : new IllegalStateException("eda-dispatch: the send to "
                    + targets.target(send.subscriber).describe() + " did not finish within " + sendTimeoutMillis
                    + " ms (sendTimeout)");
            if (e == null) {
                outcome.sent++;
            } else if (outcome.failed++ == 0) {
                outcome.first = e;
                outcome.firstFailed = send;
            }
        }
        Exception failure = null;
        for (Outcome outcome : outcomes.values()) {
            DispatchTargets.Target target = targets.target(outcome.subscriber);
            target.count(outcome.sent, outcome.failed);
            if (outcome.failed == 0) {
                continue;
            }
            boolean replaced = target.isBroker() && running.getAsBoolean() && target.replace(outcome.firstFailed.producer);
            LOG.warn("eda-dispatch: {}: {} of {} sends failed, the first for event {}: {}{}", target.describe(),
                    outcome.failed, outcome.sent + outcome.failed, eventId(outcome.firstFailed.copy.getMessage().getBody()),
                    outcome.first.getMessage(), replaced ? "; its producer was closed and replaced, the exchange fails and is retried" : "");
            if (failure == null) {
                failure = outcome.first;
            } else if (failure != outcome.first) {
                failure.addSuppressed(outcome.first);
            }
        }
        return failure;
    }

    private static String eventId(Object body) {
        return body instanceof Event event ? event.eventId() : "(not an event)";
    }
}
