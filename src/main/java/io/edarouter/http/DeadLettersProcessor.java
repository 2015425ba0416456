package io.edarouter.http;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.event.EventCodec;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code GET /dlq?kind=ingest|subscriber&subscription=NAME&limit=N&pending=true&payload=true}: the recorded dead
 * letters, oldest first, as a JSON array of {@code {"id", "createdAt", "kind", "subscription", "source": {"topic",
 * "partition", "offset", "messageId"}, "stream", "streamVersion", "globalPosition", "stage", "reason", "attempts",
 * "eventId", "headers", "redrivenAt", "payload"}} (absent fields left out). {@code pending=true} leaves out those
 * redriven; {@code payload=true} adds the payload, base64. {@code limit} defaults to 100, at most 1000.
 */
final class DeadLettersProcessor implements Processor {

    private final EventCodec codec = new EventCodec();

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        DeadLetter.Kind kind;
        int limit;
        try {
            String kindText = in.getHeader("kind", String.class);
            kind = kindText == null || kindText.isBlank() ? null : DeadLetter.Kind.parse(kindText);
            limit = in.getHeader("limit", ReadStreamProcessor.DEFAULT_LIMIT, Integer.class);
        } catch (RuntimeException e) {
            JsonResponse.error(exchange, 400, "kind is ingest or subscriber, limit a whole number");
            return;
        }
        if (limit < 1 || limit > ReadStreamProcessor.MAX_LIMIT) {
            JsonResponse.error(exchange, 400, "limit must be between 1 and " + ReadStreamProcessor.MAX_LIMIT);
            return;
        }
        boolean withPayload = "true".equalsIgnoreCase(in.getHeader("payload", String.class));
        boolean pending = "true".equalsIgnoreCase(in.getHeader("pending", String.class));
        List<DeadLetter> found = exchange.getContext().getComponent("eventstore", EventStoreComponent.class)
                .getEventStore().deadLetters().list(kind, in.getHeader("subscription", String.class), pending,
                        withPayload, limit);
        List<Map<String, Object>> answer = new ArrayList<>(found.size());
        for (DeadLetter d : found) {
            answer.add(toJson(d));
        }
        JsonResponse.send(exchange, 200, codec.mapper().writeValueAsBytes(answer));
    }

    static Map<String, Object> toJson(DeadLetter d) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", d.id());
        entry.put("createdAt", d.createdAt().toString());
        entry.put("kind", d.kind().label());
        putIfSet(entry, "subscription", d.subscription());
        Map<String, Object> source = new LinkedHashMap<>();
        putIfSet(source, "topic", d.sourceTopic());
        putIfSet(source, "partition", d.sourcePartition());
        putIfSet(source, "offset", d.sourceOffset());
        putIfSet(source, "messageId", d.sourceMessageId());
        if (!source.isEmpty()) {
            entry.put("source", source);
        }
        putIfSet(entry, "stream", d.stream());
        putIfSet(entry, "streamVersion", d.streamVersion());
        putIfSet(entry, "globalPosition", d.globalPosition());
        putIfSet(entry, "stage", d.stage());
        entry.put("reason", d.reason());
        entry.put("attempts", d.attempts());
        putIfSet(entry, "eventId", d.eventId());
        entry.put("headers", d.headers());
        putIfSet(entry, "redrivenAt", d.redrivenAt() == null ? null : d.redrivenAt().toString());
        if (d.payload() != null) {
            entry.put("payload", Base64.getEncoder().encodeToString(d.payload()));
        }
        return entry;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
