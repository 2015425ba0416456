package io.edarouter.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.EventCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets a JSON response on an exchange. */
final class JsonResponse {

    private static final ObjectMapper MAPPER = new EventCodec().mapper();

    private JsonResponse() {
    }

    static void send(Exchange exchange, int status, byte[] json) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    /** An error answer: {@code {"error": "<short code>", "detail": "<what was wrong>"}}. */
    static void error(Exchange exchange, int status, String error, String detail) {
        send(exchange, status, errorBody(error, detail, Map.of()));
    }

    /** The JSON of an error answer, with {@code more} fields after error and detail. */
    static byte[] errorBody(String error, String detail, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        body.putAll(more);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
