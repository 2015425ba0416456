package io.edarouter.store;

/** Wakes the subscriptions of this JVM when an append committed (a live tail without polling delay). */
final class AppendSignal {

    private long appends;

    synchronized void appended() {
        appends++;
        notifyAll();
    }

    /** A value to pass to {@link #await}: take it before reading, so no append in between is missed. */
    synchronized long current() {
        return appends;
    }

    /** Waits until an append committed after {@code seen} was taken, or the timeout passed. */
    synchronized void await(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long left = timeoutMillis;
        while (appends == seen && left > 0) {
            wait(left);
            left = deadline - System.currentTimeMillis();
        }
    }
}
