package io.edarouter.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.Application;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The router as the jar runs it (defaults, {@code ./application.properties}, {@code ./routes/}), in
 * this JVM, with test overrides: real brokers and database instead of the embedded defaults, and a
 * free HTTP port.
 */
public final class RouterHarness implements AutoCloseable {

    private final Main main;
    private final int httpPort;

    private RouterHarness(Main main, int httpPort) {
        this.main = main;
        this.httpPort = httpPort;
    }

    /** Starts the router with these keys overriding every other source. */
    public static RouterHarness start(Map<String, String> overrides) throws Exception {
        int httpPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.server.port", String.valueOf(httpPort));
        properties.put("eda.embedded.kafka.enabled", "false");
        properties.putAll(overrides);
        Main main = new Main();
        Application.configure(main, Application.USER_PROPERTIES_LOCATION);
        properties.forEach(main::addOverrideProperty);
        main.start();
        return new RouterHarness(main, httpPort);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Override
    public void close() {
        main.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
