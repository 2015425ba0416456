package io.edarouter.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;

/**
 * The query parameters of a request, read from its query string (not from the message headers, where HTTP headers
 * of the same name would pass for parameters). A parameter the endpoint does not know, a parameter given twice and a
 * value out of its range are refused with 400, naming the parameter and what it takes.
 */
final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** The request's parameters, each one of {@code known}. */
    static QueryParameters of(Exchange exchange, List<String> known) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (!known.contains(name)) {
                    throw HttpError.invalidParameter(known.isEmpty()
                            ? "unknown parameter '" + name + "': this endpoint takes no parameters"
                            : "unknown parameter '" + name + "': this endpoint takes " + String.join(", ", known));
                }
                if (values.put(name, value) != null) {
                    throw HttpError.invalidParameter("parameter '" + name + "' is given more than once");
                }
            }
        }
        return new QueryParameters(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidParameter("the query string is not URL-encoded: '" + text + "'");
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** A text value; absent or empty is empty. */
    Optional<String> text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A whole number from {@code min} to {@code max}, {@code otherwise} when absent. */
    long number(String name, long otherwise, long min, long max) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HttpError.invalidParameter("parameter '" + name + "' is a whole number "
                + (max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max) + ", was '" + value + "'");
    }

    /** {@code true} or {@code false} (any case); false when absent. */
    boolean flag(String name) {
        String value = values.get(name);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.invalidParameter("parameter '" + name + "' is true or false, was '" + value + "'");
        };
    }
}
