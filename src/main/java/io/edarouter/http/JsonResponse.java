package io.edarouter.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets a JSON response on an exchange. */
final class JsonResponse {

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new io.edarouter.event.EventCodec().mapper();

    private JsonResponse() {
    }

    static void send(Exchange exchange, int status, byte[] json) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    /** An error answer: {@code {"reason": "..."}}. */
    static void error(Exchange exchange, int status, String reason) {
        try {
            send(exchange, status, MAPPER.writeValueAsBytes(java.util.Map.of("reason", reason)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
