package io.edarouter.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The journey's record on H2, the embedded default. */
class H2EventJournalTest extends EventJournalContract {

    @TempDir
    Path directory;

    @Override
    protected JdbcEventStore openStore() {
        return JdbcEventStore.open("jdbc:h2:file:" + directory.resolve("store").toAbsolutePath(), "sa", "", 2);
    }
}
