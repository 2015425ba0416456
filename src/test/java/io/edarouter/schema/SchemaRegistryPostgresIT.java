package io.edarouter.schema;

import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema registry's contract with the versions kept in PostgreSQL. */
class SchemaRegistryPostgresIT extends SchemaRegistryContract {

    @RegisterExtension
    static final RouterRun RUN = RouterRun.onKafka();

    @BeforeAll
    static void start() throws Exception {
        startRouter(RUN, RUN.keys());
    }
}
