package io.edarouter.embedded;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs where the HTTP endpoints listen, with the address they are bound to. camel-main's own summary
 * ({@code MainHttpServerUtil}, silenced in log4j2.properties) prints {@code http://0.0.0.0:PORT} whatever
 * the bind address, which tells an operator the endpoints are open to the network when they are not.
 */
public final class HttpAddressLog extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAddressLog.class);

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            return;
        }
        String endpoints = "";
        if (context.hasComponent("platform-http") instanceof PlatformHttpComponent http) {
            endpoints = Stream.concat(describe(http.getHttpEndpoints()), describe(http.getHttpManagementEndpoints()))
                    .collect(Collectors.joining(", ", ": ", ""));
        }
        LOG.info("HTTP on http://{}:{}{}{}", server.getHost(), server.getPort(), endpoints,
                isLoopback(server.getHost()) ? " (this machine only; camel.server.host opens it to others)" : "");
    }

    private static Stream<String> describe(Set<HttpEndpointModel> endpoints) {
        return new TreeSet<>(endpoints).stream()
                .map(endpoint -> (endpoint.getVerbs() == null ? "" : endpoint.getVerbs() + " ") + endpoint.getUri());
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
