package io.edarouter.http;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The JSON body of a request. As a step of a route it refuses, with 415, a body declared as anything but JSON
 * ({@code application/json} or {@code application/<something>+json}, such as {@code application/cloudevents+json}):
 * a form-encoded body would otherwise reach the endpoint empty. A request without a Content-Type is read as JSON.
 */
final class JsonBody implements Processor {

    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]");

    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.isBlank() && !isJson(contentType)) {
            throw new HttpError(415, HttpError.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be JSON (Content-Type: application/json), was Content-Type: " + contentType);
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.startsWith("application/") && mediaType.endsWith("+json");
    }

    /**
     * The body as a JSON object with no fields but {@code fields}; else 400 naming what is wrong (the parser's
     * position, never its internals).
     */
    static JsonNode readObject(Exchange exchange, ObjectMapper mapper, List<String> fields) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String expected = "a JSON object with " + String.join(", ", fields);
        if (body == null || body.length == 0) {
            throw HttpError.invalidBody("the body is empty: expected " + expected);
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.invalidBody("the body is not valid JSON" + at(e.getLocation()) + ": "
                    + withoutParserInternals(e.getOriginalMessage()));
        } catch (IOException e) {
            throw HttpError.invalidBody("the body could not be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw HttpError.invalidBody("the body is " + (json == null ? "empty" : "a JSON " + json.getNodeType()
                    .toString().toLowerCase(Locale.ROOT)) + ": expected " + expected);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw HttpError.invalidBody("unknown field '" + name + "': expected " + expected);
            }
        }
        return json;
    }

    /**
     * A parser's or pattern compiler's message as a client may read it: its first line, a source reference
     * ({@code [Source: ...; line: 1, column: 5]}) reduced to the line and column.
     */
    static String withoutParserInternals(String message) {
        if (message == null) {
            return "";
        }
        String firstLine = message.lines().findFirst().orElse("");
        return SOURCE_REFERENCE.matcher(firstLine).replaceAll("line $1, column $2").strip();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
