package io.edarouter.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The store's behaviour on H2, the embedded default, in a file database as the runnable jar uses it. */
class H2EventStoreTest extends EventStoreContract {

    @TempDir
    Path directory;

    private String url;

    @Override
    protected void newDatabase() {
        url = "jdbc:h2:file:" + directory.resolve("store").toAbsolutePath();
    }

    @Override
    protected EventStore openStore() {
        return JdbcEventStore.open(url, "sa", "", 4);
    }
}
