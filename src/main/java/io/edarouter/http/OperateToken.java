package io.edarouter.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.edarouter.config.EdaProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Guards the operate endpoints: once {@code eda.http.token} is set, a request needs
 * {@code Authorization: Bearer <token>}, else it is answered 401 and goes no further. Unset: open (HTTP binds to
 * loopback by default).
 */
final class OperateToken implements Processor {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    OperateToken(CamelContext context) {
        this(EdaProperties.of(context).httpToken().orElse(null));
    }

    OperateToken(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange exchange) {
        if (token == null) {
            return;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (!accepts(authorization, null)) {
            JsonResponse.error(exchange, 401, "unauthorized", authorization == null
                    ? "this endpoint needs Authorization: Bearer <eda.http.token>"
                    : "the Authorization header is not Bearer <eda.http.token>");
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
            exchange.setRouteStop(true);
        }
    }

    /**
     * Whether a request with this Authorization header, or this {@code token} query parameter (null when absent: only
     * the live tail takes one, as browsers' EventSource cannot set headers), may operate.
     */
    boolean accepts(String authorization, String queryToken) {
        if (token == null) {
            return true;
        }
        String given = authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length())
                : queryToken;
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }
}
