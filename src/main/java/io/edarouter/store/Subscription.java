package io.edarouter.store;

/** A running catch-up subscription. Closing it stops delivery and releases its lock for a standby. */
public interface Subscription extends AutoCloseable {

    String name();

    /** True while this instance holds the subscription's lock and delivers; false while it is a standby. */
    boolean isActive();

    /** Stops delivery, waiting for the event in hand to finish, and releases the lock. */
    @Override
    void close();
}
