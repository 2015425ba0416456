package io.edarouter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers {@code GET /console/<file>} from the jar's {@value #FOLDER} folder. Only flat names with a known extension
 * are looked up, so no request reaches any other resource of the class path; {@code /console} itself is sent on to
 * {@code /console/}, whose relative links then resolve under it.
 */
final class ConsoleAssets implements Processor {

    static final String FOLDER = "io/edarouter/console/";
    private static final Pattern ASSET = Pattern.compile("[a-z][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    // the pages load nothing but their own files and talk to nothing but this server
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final ClassLoader classLoader;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    ConsoleAssets(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = path(message);
        if (path.isEmpty()) {
            message.getHeaders().clear();
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
            message.setHeader("Location", "console/");
            message.setBody(null);
            return;
        }
        String name = "/".equals(path) ? "index.html" : path.substring(1);
        Matcher asset = ASSET.matcher(name);
        Optional<byte[]> content = path.startsWith("/") && asset.matches() ? content(name) : Optional.empty();
        if (content.isEmpty()) {
            JsonResponse.error(exchange, 404, HttpError.NOT_FOUND, "the console has no file " + path);
            return;
        }
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, TYPES.get(asset.group(1)));
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        message.setBody(content.get());
    }

    /** The request's path after {@code /console}: empty, {@code /} or {@code /<file>}. */
    private static String path(Message message) {
        String uri = message.getHeader(Exchange.HTTP_URI, String.class);
        String path = uri == null ? "" : uri;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int console = path.indexOf("/console");
        return console < 0 ? path : path.substring(console + "/console".length());
    }

    /** The file's bytes, read once; a name the jar does not have is not remembered, so guesses cost no memory. */
    private Optional<byte[]> content(String name) {
        byte[] cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = classLoader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] content = in.readAllBytes();
            cache.put(name, content);
            return Optional.of(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console's " + name, e);
        }
    }
}
