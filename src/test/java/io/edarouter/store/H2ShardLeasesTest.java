package io.edarouter.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The Kinesis lease table on H2, the embedded default, in a file database as the runnable jar uses it. */
class H2ShardLeasesTest extends ShardLeasesContract {

    @TempDir
    Path directory;

    @Override
    protected EventStore openStore() {
        return JdbcEventStore.open("jdbc:h2:file:" + directory.resolve("store").toAbsolutePath(), "sa", "", 4);
    }
}
