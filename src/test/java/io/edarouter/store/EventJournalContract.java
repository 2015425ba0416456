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
 * The journey's record on each database: a stored event is found by its id, a batch's dispatches are kept (the
 * text of an outcome as it was, backslashes and all) and read back by the event's position, and the rows older than
 * the retention are pruned a window at a time, the younger ones kept.
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
        List<DispatchRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            batch.add(new DispatchRecord(i, AT, List.of(new Copy("inventory", "kafka:inventory", Copy.SENT))));
        }
        batch.add(new DispatchRecord(0, AT, List.of(new Copy("inventory", "kafka:inventory", Copy.SENT),
                new Copy("billing", "kafka:billing", "failed: C:\\spool\tfull\nretry later ünïcode"))));
        batch.add(new DispatchRecord(2001, AT, List.of()));

        store.journal().record(batch);
        store.journal().record(List.of(new DispatchRecord(0, AT.plusSeconds(1), List.of())));

        assertThat(store.journal().dispatches(0)).containsExactly(
                new DispatchRecord(0, AT, List.of(new Copy("inventory", "kafka:inventory", Copy.SENT),
                        new Copy("billing", "kafka:billing", "failed: C:\\spool full retry later ünïcode"))),
                new DispatchRecord(0, AT.plusSeconds(1), List.of()));
        assertThat(store.journal().dispatches(2001)).containsExactly(new DispatchRecord(2001, AT, List.of()));
        assertThat(store.journal().dispatches(1500)).hasSize(1);
        assertThat(store.journal().dispatches(5000)).isEmpty();
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
            batch.add(new DispatchRecord(i, old, List.of()));
        }
        for (int i = 10; i < 13; i++) {
            batch.add(new DispatchRecord(i, AT, List.of(new Copy("inventory", "kafka:inventory", Copy.SENT))));
        }
        // dispatched again lately: young, though its position is among the oldest
        batch.add(new DispatchRecord(2, AT, List.of()));
        store.journal().record(batch);
        Instant before = AT.minus(Duration.ofDays(7));

        // the 4 lowest positions are 0, 1 and 2 twice: the old rows among them go
        assertThat(store.journal().prune(before, 4)).isEqualTo(3);
        assertThat(store.journal().dispatches(1)).isEmpty();
        assertThat(store.journal().dispatches(3)).hasSize(1);
        assertThat(store.journal().prune(before, 4)).isEqualTo(3);
        assertThat(store.journal().prune(before, 4)).isEqualTo(3);
        assertThat(store.journal().prune(before, 4)).isEqualTo(1);
        assertThat(store.journal().prune(before, 4)).isZero();

        for (int i = 0; i < 10; i++) {
            assertThat(store.journal().dispatches(i)).as("position %d", i)
                    .isEqualTo(i == 2 ? List.of(new DispatchRecord(2, AT, List.of())) : List.of());
        }
        for (int i = 10; i < 13; i++) {
            assertThat(store.journal().dispatches(i)).hasSize(1);
        }
    }

    @Test
    void anEmptyJournalPrunesNothing() {
        assertThat(store.journal().prune(AT, 100)).isZero();
    }
}
