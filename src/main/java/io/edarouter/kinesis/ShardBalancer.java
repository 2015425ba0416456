package io.edarouter.kinesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.edarouter.store.ShardLeases;
import io.edarouter.store.ShardLeases.Shard;

/**
 * Shares a stream's shards between the router instances that consume it, through the lease table: each instance aims
 * at its share (the shards divided by the instances that hold or ask for a lease, rounded up). It takes free and
 * expired leases up to its share; short of it with none free, it asks the busiest instance for one shard, which that
 * one hands over between two batches, after its checkpoint. Runs on the consumer's thread, between batches.
 */
final class ShardBalancer {

    /** What one round changed: shards this instance holds now, and shards it handed over. */
    record Moves(List<String> taken, List<String> given) {
    }

    private final String stream;
    private final String owner;
    private final ShardLeases leases;
    private final long leaseMillis;

    ShardBalancer(String stream, String owner, ShardLeases leases, long leaseMillis) {
        this.stream = stream;
        this.owner = owner;
        this.leases = leases;
        this.leaseMillis = leaseMillis;
    }

    /** One round over the stream's open shards, {@code held} being those this instance reads now. */
    Moves balance(List<String> shardIds, Set<String> held) {
        leases.ensure(stream, shardIds);
        Set<String> open = new HashSet<>(shardIds);
        List<Shard> rows = leases.list(stream).stream().filter(row -> open.contains(row.shardId())).toList();
        long now = System.currentTimeMillis();
        Set<String> instances = new HashSet<>();
        instances.add(owner);
        for (Shard row : rows) {
            if (row.isLeased(now)) {
                instances.add(row.owner());
            }
            if (row.wantedBy() != null) {
                instances.add(row.wantedBy());
            }
        }
        int share = (rows.size() + instances.size() - 1) / instances.size();
        List<String> taken = new ArrayList<>();
        List<String> given = new ArrayList<>();
        int holding = held.size();
        for (Shard row : rows) {
            boolean mine = owner.equals(row.owner()) && row.isLeased(now);
            if (mine && !held.contains(row.shardId())) {
                taken.add(row.shardId()); // handed over to this instance
                holding++;
            } else if (mine && row.wantedBy() != null && holding > share
                    && leases.handOver(stream, row.shardId(), owner, leaseMillis)) {
                given.add(row.shardId());
                holding--;
            }
        }
        for (Shard row : rows) {
            if (holding < share && !row.isLeased(now) && leases.acquire(stream, row.shardId(), owner, leaseMillis)) {
                taken.add(row.shardId());
                holding++;
            }
        }
        boolean asking = rows.stream().anyMatch(row -> owner.equals(row.wantedBy()));
        if (holding >= share) {
            rows.stream().filter(row -> owner.equals(row.wantedBy()))
                    .forEach(row -> leases.withdraw(stream, row.shardId(), owner));
        } else if (!asking) {
            askBusiest(rows, now, share);
        }
        return new Moves(taken, given);
    }

    /** Asks the instance holding the most shards, above its share, for one it has not been asked for yet. */
    private void askBusiest(List<Shard> rows, long now, int share) {
        Map<String, List<Shard>> byOwner = rows.stream().filter(row -> row.isLeased(now) && !owner.equals(row.owner()))
                .collect(Collectors.groupingBy(Shard::owner));
        byOwner.values().stream().filter(owned -> owned.size() > share)
                .max(Comparator.comparingInt(List::size))
                .flatMap(owned -> owned.stream().filter(row -> row.wantedBy() == null).findFirst())
                .ifPresent(row -> leases.ask(stream, row.shardId(), row.owner(), owner));
    }
}
