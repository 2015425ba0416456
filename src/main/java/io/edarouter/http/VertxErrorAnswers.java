package io.edarouter.http;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON error answers of camel-main's Vert.x server for what it refuses before a route is reached: an unknown
 * path (404), a method the path does not take (405, with {@code Allow}), a body over {@code camel.server.max-body-size}
 * (413, failed by Vert.x's body handler), a request Vert.x cannot parse (400) or a failure no route handled (500).
 *
 * <p>Vert.x answers these from the router the server was given, not from the sub-router Camel's routes are mounted
 * on (the sub-router hands a miss and a failure up to it), so the handlers go on that root router, reached through
 * the server's request handler. That router serves the management paths ({@code /observe/*}) too when they share the
 * port, so their errors read the same.
 */
final class VertxErrorAnswers extends WhenServing {

    private static final Logger LOG = LoggerFactory.getLogger(VertxErrorAnswers.class);
    private static final int[] STATUSES = {400, 404, 405, 406, 413, 415, 500};

    @Override
    void install(CamelContext context) {
        Map<Router, Boolean> installed = new IdentityHashMap<>();
        for (VertxPlatformHttpRouter routes : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            VertxPlatformHttpServer server = routes.getServer();
            if (server == null || server.getServer() == null
                    || !(server.getServer().requestHandler() instanceof Router root)) {
                LOG.debug("HTTP router {} is not served by camel-main's server: its error answers stay as they are",
                        routes.getName());
                continue;
            }
            if (installed.put(root, Boolean.TRUE) == null) {
                for (int status : STATUSES) {
                    root.errorHandler(status, answer -> answer(answer, status, server, routes));
                }
            }
        }
    }

    private static void answer(RoutingContext context, int status, VertxPlatformHttpServer server, Router routes) {
        if (context.response().ended()) {
            return;
        }
        String request = context.request().method().name() + " " + context.request().path();
        String error;
        String detail;
        switch (status) {
            case 404 -> {
                error = HttpError.NOT_FOUND;
                detail = "nothing is served at " + request;
            }
            case 405 -> {
                Set<String> allowed = allowedMethods(routes, relativePath(context, server));
                error = "method-not-allowed";
                detail = request + " is not allowed; " + context.request().path() + " takes " + String.join(", ", allowed);
                context.response().putHeader("Allow", String.join(", ", allowed));
            }
            case 413 -> {
                error = "body-too-large";
                detail = "the body of " + request + " is over camel.server.max-body-size (" + server.getMaxBodySize()
                        + " bytes)";
            }
            case 415 -> {
                error = HttpError.UNSUPPORTED_MEDIA_TYPE;
                detail = request + " does not take Content-Type " + context.request().getHeader("Content-Type");
            }
            case 406 -> {
                error = "not-acceptable";
                detail = request + " cannot answer in the media type asked for (Accept: "
                        + context.request().getHeader("Accept") + ")";
            }
            case 400 -> {
                error = "bad-request";
                detail = "the request could not be read" + (context.failure() != null && context.failure().getMessage() != null
                        ? ": " + context.failure().getMessage() : "");
            }
            default -> {
                error = "internal-error";
                detail = request + " failed" + (context.failure() != null && context.failure().getMessage() != null
                        ? ": " + context.failure().getMessage() : "");
                LOG.warn("HTTP {} failed", request, context.failure());
            }
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (context.request().method() == HttpMethod.HEAD) {
            context.response().end();
        } else {
            context.response().end(io.vertx.core.buffer.Buffer.buffer(JsonResponse.errorBody(error, detail, Map.of())));
        }
    }

    /** The request's path under the server's context path, as the routes are declared. */
    private static String relativePath(RoutingContext context, VertxPlatformHttpServer server) {
        String path = context.normalizedPath();
        String base = server.getPath();
        if (base != null && !base.isEmpty() && !"/".equals(base) && path.startsWith(base)) {
            path = path.substring(base.endsWith("/") ? base.length() - 1 : base.length());
        }
        return path;
    }

    /** The methods of the routes whose path template ({@code /streams/:stream}, {@code /q/*}) matches the path. */
    static Set<String> allowedMethods(Router routes, String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes.getRoutes()) {
            // a path with parameters counts as a regex route, yet keeps its template; a pure regex route has none
            if (route.getPath() != null && route.methods() != null && matches(route.getPath(), path)) {
                route.methods().forEach(method -> allowed.add(method.name()));
            }
        }
        return allowed;
    }

    static boolean matches(String template, String path) {
        if (template.endsWith("*")) {
            return path.startsWith(template.substring(0, template.length() - 1));
        }
        String[] expected = template.split("/", -1);
        String[] given = path.split("/", -1);
        if (expected.length != given.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean parameter = expected[i].startsWith(":") && !given[i].isEmpty();
            if (!parameter && !expected[i].equals(given[i])) {
                return false;
            }
        }
        return true;
    }
}
