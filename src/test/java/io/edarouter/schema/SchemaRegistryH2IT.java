package io.edarouter.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema registry's contract on the embedded default store: no store URL, so H2 in eda.embedded.data-dir. */
class SchemaRegistryH2IT extends SchemaRegistryContract {

    @RegisterExtension
    static final RouterRun RUN = RouterRun.onKafka();

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>(RUN.keys());
        keys.remove("camel.component.eventstore.url");
        keys.remove("camel.component.eventstore.username");
        keys.put("eda.embedded.data-dir", Files.createTempDirectory(Path.of(System.getProperty("basedir", "."), "target"),
                "it-schemas-h2-").toString());
        startRouter(RUN, keys);
    }
}
