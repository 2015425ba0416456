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
import org.apache.camel.Processor;

/**
 * {@code GET /dlq?kind=ingest|subscriber&subscription=NAME&limit=N&pending=true&payload=true}: the recorded dead
 * letters, oldest first, as a JSON array of {@code {"id", "createdAt", "kind", "subscription", "source": {"topic",
 * "partition", "offset", "messageId"}, "stream", "streamVersion", "globalPosition", "stage", "reason", "attempts",
 * "eventId", "headers", "redrivenAt", "payload"}} (absent fields left out). {@code pending=true} leaves out those
 * redriven; {@code payload=true} adds the payload, base64. {@code limit} defaults to 100, at most 1000.
 */
final class DeadLettersProcessor implements Processor {

    private static final List<String> PARAMETERS = List.of("kind", "subscription", "pending", "payload", "limit");

    private final EventCodec codec = new EventCodec();
    private final EventStoreComponent eventStore;

    DeadLettersProcessor(EventStoreComponent eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        QueryParameters parameters = QueryParameters.of(exchange, PARAMETERS);
        DeadLetter.Kind kind = parameters.text("kind").map(DeadLettersProcessor::kind).orElse(null);
        int limit = (int) parameters.number("limit", ReadStreamProcessor.DEFAULT_LIMIT, 1, ReadStreamProcessor.MAX_LIMIT);
        boolean withPayload = parameters.flag("payload");
        boolean pending = parameters.flag("pending");
        List<DeadLetter> found = eventStore.getEventStore().deadLetters().list(kind, parameters.text("subscription").orElse(null), pending,
                        withPayload, limit);
        List<Map<String, Object>> answer = new ArrayList<>(found.size());
        for (DeadLetter d : found) {
            answer.add(toJson(d));
        }
        JsonResponse.send(exchange, 200, codec.mapper().writeValueAsBytes(answer));
    }

    private static DeadLetter.Kind kind(String text) {
        try {
            return DeadLetter.Kind.parse(text);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidParameter("parameter 'kind' is ingest or subscriber, was '" + text + "'");
        }
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
