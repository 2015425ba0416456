package io.edarouter.observe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness goes DOWN, naming the event store, while PostgreSQL is unreachable, and UP again by itself. */
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka();

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndUpWhenItIsBack() throws Exception {
        try (TcpProxy proxy = run.postgres().newProxy();
                RouterHarness router = RouterHarness.start(run.withStoreThrough(proxy).keys())) {
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
