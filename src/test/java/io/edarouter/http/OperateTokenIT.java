package io.edarouter.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** With eda.http.token set, the operate endpoints answer 401 without the bearer token and 200 with it. */
class OperateTokenIT {

    private static final String TOKEN = "it-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RouterRun.onKafka().with("eda.http.token", TOKEN));

    @Test
    void operateEndpointsNeedTheTokenAndReadsDoNot() throws Exception {
        assertThat(get("/dlq", null).statusCode()).isEqualTo(401);
        assertThat(get("/subscriptions", "Bearer wrong-" + TOKEN).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = get("/dlq", "Basic " + TOKEN);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain(TOKEN);

        assertThat(get("/dlq", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/subscriptions", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/streams/$all", null).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.httpUrl(path)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
