package io.edarouter.store;

import io.edarouter.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kinesis lease table on PostgreSQL, the production database. */
class PostgresShardLeasesIT extends ShardLeasesContract {

    @RegisterExtension
    static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();

    @Override
    protected EventStore openStore() {
        return JdbcEventStore.open(postgres.newDatabase(), postgres.user(), postgres.password(), 4);
    }
}
