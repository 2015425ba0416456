package io.edarouter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.CloudEvents;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.DeadLetterLog;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Records an ingest dead letter in the store's dead-letter log, for {@code GET /dlq} and {@code POST /dlq/redrive}:
 * the body as it is (the original bytes, after {@code useOriginalMessage}), the reason, stage and source coordinates
 * set by {@link DeadLetterHeaders}, and the message's text headers. Used by the {@code dead-letter} route
 * configuration after the message went to the broker's dead-letter topic.
 */
public class RecordDeadLetter implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile DeadLetterLog log;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] original = message.getBody(byte[].class);
        Map<String, String> headers = textHeaders(message);
        DeadLetter deadLetter = DeadLetter.ingest(headers.get(DeadLetterHeaders.SOURCE_TOPIC),
                integer(headers.get(DeadLetterHeaders.SOURCE_PARTITION)),
                longValue(headers.get(DeadLetterHeaders.SOURCE_OFFSET)),
                headers.get(DeadLetterHeaders.SOURCE_MESSAGE_ID), headers.get(DeadLetterHeaders.ERROR_STAGE),
                headers.getOrDefault(DeadLetterHeaders.ERROR_REASON, "unknown"), eventId(original, headers), original,
                headers);
        log(exchange.getContext()).record(deadLetter);
    }

    /** The store's dead-letter log, looked up at the first letter (the store starts with the context). */
    private DeadLetterLog log(CamelContext context) {
        DeadLetterLog l = log;
        if (l == null) {
            l = context.getComponent("eventstore", EventStoreComponent.class).getEventStore().deadLetters();
            log = l;
        }
        return l;
    }

    /** The headers a person can read and a redrive can send again: text, numbers, booleans, UTF-8 bytes. */
    static Map<String, String> textHeaders(Message message) {
        Map<String, String> headers = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("Camel") || value == null) {
                return;
            }
            if (value instanceof byte[] bytes) {
                headers.put(name, new String(bytes, StandardCharsets.UTF_8));
            } else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                headers.put(name, value.toString());
            }
        });
        return headers;
    }

    private static String eventId(byte[] original, Map<String, String> headers) {
        if (headers.containsKey(CloudEvents.BINARY_ID)) {
            return headers.get(CloudEvents.BINARY_ID);
        }
        if (original == null) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(original);
            JsonNode id = json == null ? null : json.has("eventId") ? json.get("eventId") : json.get("id");
            return id != null && id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException e) {
            return null; // not JSON: no id to tell
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
