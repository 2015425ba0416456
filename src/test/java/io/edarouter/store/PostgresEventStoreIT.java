package io.edarouter.store;

import io.edarouter.testsupport.PostgresTestDatabase;

/** The store's behaviour on PostgreSQL, the production database. */
class PostgresEventStoreIT extends EventStoreContract {

    private String url;

    @Override
    protected void newDatabase() {
        url = PostgresTestDatabase.jdbcUrl();
    }

    @Override
    protected EventStore openStore() {
        return JdbcEventStore.open(url, PostgresTestDatabase.user(), PostgresTestDatabase.password(), 4);
    }
}
