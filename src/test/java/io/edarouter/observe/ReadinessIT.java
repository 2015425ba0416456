package io.edarouter.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness goes DOWN, naming the event store, while PostgreSQL is unreachable, and UP again by itself. */
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndUpWhenItIsBack() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        try (TcpProxy proxy = new TcpProxy(System.getProperty("eda.it.postgres.host", "127.0.0.1"),
                Integer.getInteger("eda.it.postgres.port", 5432));
                RouterHarness router = RouterHarness.start(RouterHarness.onTestServers(run, Map.of(
                        "camel.component.eventstore.url", jdbcUrl.replaceFirst(":\\d+/", ":" + proxy.port() + "/"))))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ready(router).statusCode() == 200);

            proxy.cut();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> down = ready(router);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("eventstore").contains("DOWN");
            });

            proxy.restore();
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(router).statusCode() == 200);
        }
    }

    private static HttpResponse<String> ready(RouterHarness router) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/observe/health/ready"))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
