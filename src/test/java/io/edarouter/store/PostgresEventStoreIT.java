package io.edarouter.store;

import io.edarouter.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's behaviour on PostgreSQL, the production database. */
class PostgresEventStoreIT extends EventStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();

    private String url;

    @Override
    protected void newDatabase() {
        url = postgres.newDatabase();
    }

    @Override
    protected EventStore openStore() {
        return JdbcEventStore.open(url, postgres.user(), postgres.password(), 4);
    }
}
