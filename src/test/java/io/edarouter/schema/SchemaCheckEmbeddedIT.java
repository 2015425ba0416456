package io.edarouter.schema;

import io.edarouter.testsupport.UserFolderRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link SchemaCheckContract} on the embedded default (in-process Kafka, H2 under {@code data/}), started as a user does. */
class SchemaCheckEmbeddedIT extends SchemaCheckContract {

    private static UserFolderRouter router;

    @BeforeAll
    static void startOnEmbeddedDefaults() {
        router = UserFolderRouter.inNewFolder("schema-check").start();
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.stop();
        }
    }

    @Override
    String url(String path) {
        return router.httpUrl(path);
    }

    @Override
    String token() {
        return null;
    }
}
