package io.edarouter.store;

import java.time.Instant;

/**
 * The durable state of a subscription.
 *
 * @param name      the subscription's name
 * @param position  the global position it reads from next (every event before it was handled)
 * @param updatedAt when the checkpoint last moved
 * @param filter    what it selects, as its active instance last said; null if no instance has said yet
 */
public record SubscriptionCheckpoint(String name, long position, Instant updatedAt, SubscriptionFilter filter) {
}
