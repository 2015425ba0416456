package io.edarouter.bench;

import java.util.concurrent.locks.LockSupport;

import io.edarouter.bench.OrderEvents.OrderEvent;

/**
 * The latency phase's producer: new events (phase {@code latency}) at a fixed rate for a fixed time, each stamped
 * with its send time ({@code data.sentAtMicros}) just before it is handed to the producer, which sends it at once.
 */
final class PacedLoad {

    /** What was sent: all events, and those a contender dispatches ({@code OrderCreated}). */
    record Sent(long events, long dispatched, double seconds) {
    }

    private PacedLoad() {
    }

    static Sent run(BenchBroker broker, String topic, OrderEvents events, double perSecond, double seconds) {
        return run(broker, topic, events, perSecond, seconds, "latency");
    }

    /** The same, with events of another phase (a warm-up the latency histogram leaves out). */
    static Sent run(BenchBroker broker, String topic, OrderEvents events, double perSecond, double seconds,
            String phase) {
        long total = Math.max(1, Math.round(perSecond * seconds));
        long periodNanos = Math.max(1, Math.round(1e9 / perSecond));
        long dispatched = 0;
        long start;
        try (BenchBroker.Sender sender = broker.sender(true)) {
            sender.prepare(topic);
            start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                OrderEvent event;
                synchronized (events) {
                    event = events.next(phase, OrderEvents.nowMicros());
                }
                sender.send(topic, event);
                if (event.dispatched()) {
                    dispatched++;
                }
            }
            sender.flush();
        }
        return new Sent(total, dispatched, (System.nanoTime() - start) / 1e9);
    }
}
