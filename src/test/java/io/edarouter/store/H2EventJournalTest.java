package io.edarouter.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey's record on H2, the embedded default: a stored event is found by its id, a batch's dispatches are kept
 * (over several statements when the batch is larger than one takes) and read back by event.
 */
class H2EventJournalTest {

    @TempDir
    Path directory;

    @Test
    void aBatchOfDispatchesIsReadBackByEventAndTheStoredEventByItsId() {
        try (JdbcEventStore store = JdbcEventStore.open("jdbc:h2:file:" + directory.resolve("store").toAbsolutePath(), "sa", "", 2)) {
            store.append("order-1", ExpectedVersion.any(),
                    List.of(EventFixtures.event("e-1", "OrderCreated", "2024-01-01T00:00:00Z", "shop", "{\"amount\": 5}")));
            Instant at = Instant.parse("2026-11-30T07:00:00Z");
            List<DispatchRecord> batch = new ArrayList<>();
            for (int i = 0; i < EventJournal.ROWS_PER_STATEMENT * 2 + 1; i++) {
                batch.add(new DispatchRecord("other-" + i, i, "inventory", "kafka:inventory", at, DispatchRecord.SENT));
            }
            batch.add(new DispatchRecord("e-1", 0, "inventory", "kafka:inventory", at, DispatchRecord.SENT));
            batch.add(new DispatchRecord("e-1", 0, "billing", "kafka:billing", at, "failed: broker down"));
            batch.add(new DispatchRecord("e-2", -1, null, null, at, DispatchRecord.NO_SUBSCRIBER));

            store.journal().record(batch);

            assertThat(store.journal().dispatches("e-1")).containsExactly(
                    new DispatchRecord("e-1", 0, "billing", "kafka:billing", at, "failed: broker down"),
                    new DispatchRecord("e-1", 0, "inventory", "kafka:inventory", at, DispatchRecord.SENT));
            assertThat(store.journal().dispatches("e-2")).containsExactly(
                    new DispatchRecord("e-2", -1, null, null, at, DispatchRecord.NO_SUBSCRIBER));
            assertThat(store.journal().dispatches("other-2000")).hasSize(1);
            assertThat(store.journal().event("e-1")).hasValueSatisfying(e -> {
                assertThat(e.stream()).isEqualTo("order-1");
                assertThat(e.globalPosition()).isZero();
            });
            assertThat(store.journal().event("e-3")).isEmpty();
            assertThat(store.journal().pendingDeadLetters()).isZero();
        }
    }
}
