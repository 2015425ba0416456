package io.edarouter.kinesis;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.ShardLeases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two router instances share a 4-shard stream through the lease table (H2): the first takes every free shard, the
 * second asks for its share and gets it shard by shard, handed over by the first between its batches, until each
 * reads two and no shard is read by both.
 */
class ShardBalancerTest {

    private static final List<String> SHARDS = List.of("shard-0", "shard-1", "shard-2", "shard-3");
    private static final long LEASE = 60_000;

    @TempDir
    Path directory;

    private EventStore store;

    @BeforeEach
    void open() {
        store = JdbcEventStore.open("jdbc:h2:file:" + directory.resolve("store").toAbsolutePath(), "sa", "", 4);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSecondInstanceGetsItsShareHandedOverAndNoShardIsReadByBoth() {
        ShardLeases leases = store.shardLeases();
        ShardBalancer first = new ShardBalancer("orders", "a", leases, LEASE);
        ShardBalancer second = new ShardBalancer("orders", "b", leases, LEASE);
        Set<String> heldByFirst = new HashSet<>();
        Set<String> heldBySecond = new HashSet<>();

        apply(first.balance(SHARDS, heldByFirst), heldByFirst);
        assertThat(heldByFirst).containsExactlyInAnyOrderElementsOf(SHARDS);

        for (int round = 0; round < 4; round++) {
            apply(second.balance(SHARDS, heldBySecond), heldBySecond);
            apply(first.balance(SHARDS, heldByFirst), heldByFirst);
            assertThat(heldByFirst).as("read by both").noneMatch(heldBySecond::contains);
        }

        assertThat(heldByFirst).hasSize(2);
        assertThat(heldBySecond).hasSize(2);
        assertThat(leases.list("orders")).allSatisfy(shard -> assertThat(shard.wantedBy()).isNull());
    }

    private static void apply(ShardBalancer.Moves moves, Set<String> held) {
        held.removeAll(moves.given());
        held.addAll(moves.taken());
    }
}
