package io.edarouter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.edarouter.store.DispatchRecord.Copy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey's record on each database: a stored event is found by its id, a batch's runs of positions are kept (the
 * text of an outcome as it was, backslashes and all) and read back by any position they cover, with that event's
 * copies only, and the rows older than the retention are pruned a window at a time, the younger ones kept.
 */
abstract class EventJournalContract {

    private static final Instant AT = Instant.parse("2026-11-30T07:00:00Z");

    private JdbcEventStore store;

    protected abstract JdbcEventStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aBatchOfDispatchesIsReadBackByPositionAndTheStoredEventByItsId() {
        store.append("order-1", ExpectedVersion.any(),
                List.of(EventFixtures.event("e-1", "OrderCreated", "2024-01-01T00:00:00Z", "shop", "{\"amount\": 5}")));
        List<Copy> copies = new ArrayList<>();
        for (int i = 100; i < 10_099; i += 2) {
            copies.add(new Copy(i, "inventory", "kafka:inventory", Copy.SENT));
        }
        copies.add(new Copy(10_099, "inventory", "kafka:inventory", Copy.SENT));
        copies.add(new Copy(10_099, "billing", "kafka:billing", "failed: C:\\spool\tfull\nretry later ünïcode"));
        store.journal().record(List.of(
                new DispatchRecord(100, 100 + DispatchRecord.MAX_POSITIONS - 1, AT, copies),
                new DispatchRecord(0, 0, AT, List.of())));
        store.journal().record(List.of(new DispatchRecord(0, 0, AT.plusSeconds(1),
                List.of(new Copy(0, "inventory", "kafka:inventory", Copy.SENT)))));

        assertThat(store.journal().dispatches(10_099)).containsExactly(new DispatchRecord(100, 10_099, AT, List.of(
                new Copy(10_099, "inventory", "kafka:inventory", Copy.SENT),
                new Copy(10_099, "billing", "kafka:billing", "failed: C:\\spool full retry later ünïcode"))));
        assertThat(store.journal().dispatches(100)).containsExactly(new DispatchRecord(100, 10_099, AT,
                List.of(new Copy(100, "inventory", "kafka:inventory", Copy.SENT))));
        // in the run, no copy: no subscriber matched
        assertThat(store.journal().dispatches(101)).containsExactly(new DispatchRecord(100, 10_099, AT, List.of()));
        assertThat(store.journal().dispatches(0)).containsExactly(new DispatchRecord(0, 0, AT, List.of()),
                new DispatchRecord(0, 0, AT.plusSeconds(1), List.of(new Copy(0, "inventory", "kafka:inventory", Copy.SENT))));
        assertThat(store.journal().dispatches(99)).isEmpty();
        assertThat(store.journal().dispatches(10_100)).isEmpty();
        assertThat(store.journal().event("e-1")).hasValueSatisfying(e -> {
            assertThat(e.stream()).isEqualTo("order-1");
            assertThat(e.globalPosition()).isZero();
        });
        assertThat(store.journal().event("e-3")).isEmpty();
        assertThat(store.journal().pendingDeadLetters()).isZero();
    }

    @Test
    void rowsOlderThanTheRetentionArePrunedAWindowAtATimeAndYoungerOnesKept() {
        Instant old = AT.minus(Duration.ofDays(8));
        List<DispatchRecord> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(new DispatchRecord(i * 10, i * 10 + 9, old, List.of()));
        }
        for (int i = 10; i < 13; i++) {
            batch.add(new DispatchRecord(i * 10, i * 10 + 9, AT, List.of(new Copy(i * 10, "inventory", "kafka:inventory", Copy.SENT))));
        }
        // dispatched again lately: young, though its position is among the oldest
        batch.add(new DispatchRecord(25, 25, AT, List.of()));
        store.journal().record(batch);
        Instant before = AT.minus(Duration.ofDays(7));

        // the 4 lowest first positions are 0, 10, 20 and 25: the old rows among them go
        assertThat(store.journal().prune(before, 4)).isEqualTo(3);
        assertThat(store.journal().dispatches(15)).isEmpty();
        assertThat(store.journal().dispatches(35)).hasSize(1);
        assertThat(store.journal().prune(before, 4)).isEqualTo(3);
        assertThat(store.journal().prune(before, 4)).isEqualTo(3);
        assertThat(store.journal().prune(before, 4)).isEqualTo(1);
        assertThat(store.journal().prune(before, 4)).isZero();

        for (int i = 0; i < 100; i++) {
            assertThat(store.journal().dispatches(i)).as("position %d", i)
                    .isEqualTo(i == 25 ? List.of(new DispatchRecord(25, 25, AT, List.of())) : List.of());
        }
        for (int i = 100; i < 130; i++) {
            assertThat(store.journal().dispatches(i)).hasSize(1);
        }
    }

    @Test
    void anEmptyJournalPrunesNothing() {
        assertThat(store.journal().prune(AT, 100)).isZero();
    }
}
