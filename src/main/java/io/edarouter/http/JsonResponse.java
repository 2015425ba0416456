package io.edarouter.http;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Sets a JSON response on an exchange. */
final class JsonResponse {

    private JsonResponse() {
    }

    static void send(Exchange exchange, int status, byte[] json) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }
}
