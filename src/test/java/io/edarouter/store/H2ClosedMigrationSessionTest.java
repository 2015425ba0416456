package io.edarouter.store;

import java.util.Map;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2 the connection that ran the migrations is eventually closed (a pool retires it); the store must keep
 * working with the others. H2 2.4 ties a CHECK constraint to the session that created it, which broke every
 * dead letter after that: a data source that closes each connection after use shows it at once.
 */
class H2ClosedMigrationSessionTest {

    @Test
    void deadLettersAreRecordedAfterTheMigrationsConnectionIsClosed() {
        JdbcDataSource unpooled = new JdbcDataSource();
        unpooled.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        try (JdbcEventStore store = JdbcEventStore.open(unpooled)) {
            store.deadLetters().record(DeadLetter.ingest("order-events", 0, 7L, null, "decode", "not JSON", null,
                    new byte[] {'x'}, Map.of()));

            assertThat(store.deadLetters().list(null, null, false, false, 10)).hasSize(1);
        }
    }
}
