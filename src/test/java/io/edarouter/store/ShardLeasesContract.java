package io.edarouter.store;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis lease table's rules, the same on H2 and PostgreSQL: one owner per shard while its lease lasts, a
 * checkpoint moved only by the lease's owner, an expired lease taken over, a shard handed over only when asked for.
 */
abstract class ShardLeasesContract {

    private static final String STREAM = "orders";
    private static final long LEASE = 60_000;

    private EventStore store;
    private ShardLeases leases;

    protected abstract EventStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        leases = store.shardLeases();
        leases.ensure(STREAM, List.of("shard-0", "shard-1"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aLeasedShardIsRefusedToASecondInstanceAndOnlyItsOwnerMovesTheCheckpoint() {
        assertThat(leases.acquire(STREAM, "shard-0", "a", LEASE)).isTrue();
        assertThat(leases.acquire(STREAM, "shard-0", "b", LEASE)).isFalse();

        assertThat(leases.saveCheckpoint(STREAM, "shard-0", "b", "100", LEASE)).isFalse();
        assertThat(leases.saveCheckpoint(STREAM, "shard-0", "a", "200", LEASE)).isTrue();

        assertThat(leases.checkpoint(STREAM, "shard-0")).isEqualTo("200");
        assertThat(leases.checkpoint(STREAM, "shard-1")).isNull();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerOwnerCannotCheckpointAnyMore() {
        assertThat(leases.acquire(STREAM, "shard-0", "a", -1)).isTrue(); // expired at once: "a" died

        assertThat(leases.acquire(STREAM, "shard-0", "b", LEASE)).isTrue();

        assertThat(leases.saveCheckpoint(STREAM, "shard-0", "a", "300", LEASE)).isFalse();
        assertThat(leases.renew(STREAM, "shard-0", "a", LEASE)).isFalse();
        assertThat(leases.list(STREAM)).filteredOn(s -> s.shardId().equals("shard-0")).singleElement()
                .satisfies(s -> assertThat(s.owner()).isEqualTo("b"));
    }

    @Test
    void anAskedForShardIsHandedOverWithItsCheckpoint() {
        leases.acquire(STREAM, "shard-0", "a", LEASE);
        leases.saveCheckpoint(STREAM, "shard-0", "a", "400", LEASE);

        assertThat(leases.ask(STREAM, "shard-0", "a", "b")).isTrue();
        assertThat(leases.ask(STREAM, "shard-0", "a", "c")).as("asked already").isFalse();
        assertThat(leases.handOver(STREAM, "shard-0", "a", LEASE)).isTrue();

        ShardLeases.Shard shard = leases.list(STREAM).get(0);
        assertThat(shard.owner()).isEqualTo("b");
        assertThat(shard.wantedBy()).isNull();
        assertThat(shard.sequenceNumber()).isEqualTo("400");
        assertThat(leases.saveCheckpoint(STREAM, "shard-0", "a", "500", LEASE)).isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        leases.acquire(STREAM, "shard-1", "a", LEASE);

        leases.release(STREAM, "shard-1", "a");

        assertThat(leases.acquire(STREAM, "shard-1", "b", LEASE)).isTrue();
    }
}
