package io.edarouter.bench;

import java.util.function.LongSupplier;

/**
 * Polls a count of stored events (the store's head position) every 100 ms on a thread of its own, and remembers
 * when the timed window opened (the first count at or past {@code from}: the events before it are the warm-up), when
 * the count last grew, and when it reached the target.
 */
final class HeadMonitor implements AutoCloseable {

    private final LongSupplier head;
    private final long from;
    private final long target;
    private final Thread thread;
    private volatile long firstNanos = -1;
    private volatile long firstHead;
    private volatile long lastNanos = -1;
    private volatile long lastHead;
    private volatile long doneNanos = -1;
    private volatile CpuMeter meter;
    private volatile CpuMeter.Sample firstCpu;
    private volatile CpuMeter.Sample lastCpu;

    HeadMonitor(String name, LongSupplier head, long from, long target) {
        this.head = head;
        this.from = Math.max(1, from);
        this.target = target;
        this.thread = new Thread(this::poll, "bench-head-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            long now;
            long value;
            try {
                value = head.getAsLong();
                now = System.nanoTime();
            } catch (RuntimeException e) {
                value = -1; // the database is busy or not migrated yet: next poll
                now = System.nanoTime();
            }
            if (value > lastHead) {
                CpuMeter.Sample cpu = meter == null ? null : meter.sample();
                if (firstNanos < 0 && value >= from) {
                    firstNanos = now;
                    firstHead = value;
                    firstCpu = cpu;
                }
                if (firstNanos >= 0) {
                    lastNanos = now;
                    lastCpu = cpu;
                }
                lastHead = value;
            }
            if (value >= target) {
                doneNanos = now;
                return;
            }
            try {
                Thread.sleep(100); // the polling period
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Samples the CPU of the meter's processes whenever the count grows (set before the first events are stored). */
    void measureCpu(CpuMeter cpu) {
        this.meter = cpu;
    }

    /** CPU per event from the first events seen stored to the last growth. */
    CpuMeter.PerEvent cpuPerEvent() {
        return CpuMeter.perEvent(firstCpu, lastCpu, eventsAfterFirst());
    }

    /** Waits until the target is stored or {@code deadlineNanos} ({@link System#nanoTime()}) passes. */
    boolean awaitDone(long deadlineNanos) throws InterruptedException {
        while (doneNanos < 0 && System.nanoTime() < deadlineNanos && thread.isAlive()) {
            thread.join(50);
        }
        return doneNanos >= 0;
    }

    long firstNanos() {
        return firstNanos;
    }

    long firstHead() {
        return firstHead;
    }

    long lastNanos() {
        return lastNanos;
    }

    long lastHead() {
        return lastHead;
    }

    long doneNanos() {
        return doneNanos;
    }

    /** Events stored after the first ones were seen, per second, up to the target or the last growth. */
    long eventsAfterFirst() {
        return firstNanos < 0 ? 0 : lastHead - firstHead;
    }

    double secondsAfterFirst() {
        return firstNanos < 0 ? 0 : (lastNanos - firstNanos) / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(5_000);
    }
}
