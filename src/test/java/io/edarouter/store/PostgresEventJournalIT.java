package io.edarouter.store;

import io.edarouter.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journey's record on PostgreSQL, where a batch's rows are one COPY. */
class PostgresEventJournalIT extends EventJournalContract {

    @RegisterExtension
    static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();

    @Override
    protected JdbcEventStore openStore() {
        return JdbcEventStore.open(postgres.newDatabase(), postgres.user(), postgres.password(), 4);
    }
}
