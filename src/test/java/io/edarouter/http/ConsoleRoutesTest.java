package io.edarouter.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.edarouter.testsupport.RouterHarness;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files on camel-main's HTTP server: served from the jar under {@code /console/} with the types a
 * browser runs them by, nothing else of the class path reachable through it, and nothing at all once switched off.
 */
class ConsoleRoutesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theConsoleIsServedFromTheJarAndNoOtherResourceIs() throws Exception {
        int port = RouterHarness.freePort();
        Main main = start(port, true);
        try {
            HttpResponse<String> bare = get(port, "/console");
            assertThat(bare.statusCode()).isEqualTo(302);
            assertThat(bare.headers().firstValue("Location")).contains("console/");

            HttpResponse<String> index = get(port, "/console/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(index.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'self'");
            assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\">");
            assertThat(get(port, "/console/app.js").headers().firstValue("Content-Type"))
                    .contains("text/javascript; charset=utf-8");
            assertThat(get(port, "/console/console.css").headers().firstValue("Content-Type"))
                    .contains("text/css; charset=utf-8");

            for (String other : new String[] {"/console/eda-defaults.properties", "/console/%2e%2e/eda-defaults.properties",
                    "/console/..%2feda-defaults.properties", "/console/nothing.js", "/consoles", "/console/sub/app.js"}) {
                HttpResponse<String> refused = get(port, other);
                assertThat(refused.statusCode()).as(other).isEqualTo(404);
                // what the server answers itself (paths it normalises out of /console) is VertxErrorAnswers' in the jar
                assertThat(refused.body()).as(other).doesNotContain("eda.");
            }
        } finally {
            main.stop();
        }
    }

    @Test
    void switchedOffTheConsoleIsNotFound() throws Exception {
        int port = RouterHarness.freePort();
        Main main = start(port, false);
        try {
            assertThat(get(port, "/console/").statusCode()).isEqualTo(404);
            assertThat(get(port, "/console/app.js").statusCode()).isEqualTo(404);
        } finally {
            main.stop();
        }
    }

    private static Main start(int port, boolean enabled) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new ConsoleRoutes());
        main.addOverrideProperty("camel.server.enabled", "true");
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("eda.console.enabled", String.valueOf(enabled));
        main.start();
        return main;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
