package io.edarouter.schema;

import java.net.http.HttpResponse;
import java.util.Map;

import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SchemaCheckContract} on PostgreSQL and Kafka, with the operate token set: the check (it lists subscribers and
 * reads up to {@code eda.schemas.check.events} events) needs it, the discovered schema is read as the streams are.
 */
class SchemaCheckPostgresIT extends SchemaCheckContract {

    private static final RouterRun RUN = RouterRun.onKafka();
    private static final String TOKEN = "schema-it-" + RUN.id();

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN.with(Map.of("eda.http.token", TOKEN)));

    @Override
    String url(String path) {
        return router.httpUrl(path);
    }

    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void theCheckNeedsTheOperateToken() throws Exception {
        HttpResponse<String> answered = send("POST", "/schemas/OrderCreated/check", "{\"type\": \"object\"}", null);

        assertThat(answered.statusCode()).isEqualTo(401);
    }
}
