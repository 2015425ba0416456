package io.edarouter.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.event.EventCodec;
import io.edarouter.routing.DispatchEndpoint;
import io.edarouter.routing.EventPattern;
import io.edarouter.routing.PatternFields;
import io.edarouter.routing.Subscriber;
import io.edarouter.routing.SubscriberTable;
import io.edarouter.store.EventJournal;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The subscriber table as dispatch uses it, and trying patterns before they go live (docs/http-api.md "Console"):
 * {@code GET /rules}, {@code POST /rules/test} (which subscribers an event matches, and why not) and
 * {@code POST /rules/preview} (a candidate pattern over the newest stored events, beside the current table).
 */
final class RulesProcessor {

    static final int DEFAULT_LAST = 100;
    static final int MAX_LAST = 10_000;
    private static final ObjectMapper PATTERN_JSON = new ObjectMapper();

    private final ObjectMapper mapper = new EventCodec().mapper();
    private final CamelContext context;
    private final EventStoreComponent eventStore;

    RulesProcessor(CamelContext context, EventStoreComponent eventStore) {
        this.context = context;
        this.eventStore = eventStore;
    }

    /** {@code GET /rules}: {@code {file, lastReload, errors, subscribers: [{name, pattern, target, format, line}]}}. */
    void rules(Exchange exchange) throws Exception {
        QueryParameters.of(exchange, List.of());
        Optional<DispatchEndpoint> loaded = table();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", loaded.map(endpoint -> endpoint.getConfiguration().getFile()).orElse(null));
        answer.put("lastReload", loaded.map(DispatchEndpoint::getLoadedAt).map(Object::toString).orElse(null));
        answer.put("errors", loaded.map(DispatchEndpoint::getLastRefusal).map(List::of).orElse(List.of()));
        List<Map<String, Object>> subscribers = new ArrayList<>();
        for (Subscriber subscriber : loaded.map(DispatchEndpoint::getSubscribers).orElse(List.of())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", subscriber.name());
            entry.put("pattern", mapper.readTree(subscriber.pattern()));
            entry.put("target", withoutOptions(subscriber.uri()));
            entry.put("format", subscriber.format().text());
            entry.put("line", subscriber.line());
            subscribers.add(entry);
        }
        answer.put("subscribers", subscribers);
        JsonResponse.send(exchange, 200, mapper.writeValueAsBytes(answer));
    }

    /**
     * {@code POST /rules/test {"event": {...}}} or {@code {"eventId": "..."}} (a stored event):
     * {@code {subscribers: [{name, matched, why}]}}, {@code why} for one that does not match: the first field of its
     * pattern the event fails on its own ({@code field}, the pattern's {@code pattern} for it, the event's
     * {@code value} there), or, when no single field does (an {@code $or}), the whole {@code pattern}.
     */
    void test(Exchange exchange) throws Exception {
        JsonNode body = JsonBody.readObject(exchange, mapper, List.of("event", "eventId"));
        JsonNode event = body.get("event");
        if (body.hasNonNull("eventId")) {
            String eventId = body.get("eventId").asText();
            event = journal().event(eventId).map(recorded -> recorded.event().envelope())
                    .orElseThrow(() -> new HttpError(404, HttpError.NOT_FOUND, "no event '" + eventId + "' is stored"));
        }
        if (event == null || !event.isObject()) {
            throw HttpError.invalidBody("expected 'event' (the event's JSON object) or 'eventId' (a stored event's id)");
        }
        List<Subscriber> subscribers = table().map(DispatchEndpoint::getSubscribers).orElse(List.of());
        List<String> matched = SubscriberTable.of(subscribers).match(event).stream().map(Subscriber::name).toList();
        List<Map<String, Object>> answer = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", subscriber.name());
            boolean matches = matched.contains(subscriber.name());
            entry.put("matched", matches);
            if (!matches) {
                entry.put("why", whyNot(subscriber.pattern(), event));
            }
            answer.add(entry);
        }
        JsonResponse.send(exchange, 200, mapper.writeValueAsBytes(Map.of("subscribers", answer)));
    }

    /**
     * {@code POST /rules/preview {"pattern": {...}, "last": N}}: the N newest stored events, newest first, each
     * {@code {globalPosition, stream, eventId, eventType, recordedAt, candidate, subscribers, event}}: whether the
     * candidate matches, the current subscribers that match, the stored event; and {@code scanned},
     * {@code candidateMatches}.
     */
    void preview(Exchange exchange) throws Exception {
        JsonNode body = JsonBody.readObject(exchange, mapper, List.of("pattern", "last"));
        JsonNode patternNode = body.get("pattern");
        if (patternNode == null || patternNode.isNull()) {
            throw HttpError.invalidBody("field 'pattern' is required: an EventBridge event pattern");
        }
        EventPattern candidate;
        try {
            candidate = EventPattern.compile(patternNode.isTextual() ? patternNode.textValue() : patternNode.toString());
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody("field 'pattern': " + e.getMessage());
        }
        JsonNode lastNode = body.get("last");
        int last = DEFAULT_LAST;
        if (lastNode != null && !lastNode.isNull()) {
            if (!lastNode.canConvertToInt() || !lastNode.isIntegralNumber() || lastNode.intValue() < 1
                    || lastNode.intValue() > MAX_LAST) {
                throw HttpError.invalidBody("field 'last' is a whole number from 1 to " + MAX_LAST + ", was " + lastNode);
            }
            last = lastNode.intValue();
        }
        SubscriberTable table = SubscriberTable.of(table().map(DispatchEndpoint::getSubscribers).orElse(List.of()));
        List<RecordedEvent> events = NewestEvents.all(eventStore.getEventStore(), last);
        List<Map<String, Object>> items = new ArrayList<>(events.size());
        int candidateMatches = 0;
        for (RecordedEvent recorded : events) {
            JsonNode envelope = recorded.event().envelope();
            boolean matches = candidate.matches(envelope);
            candidateMatches += matches ? 1 : 0;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("globalPosition", recorded.globalPosition());
            item.put("stream", recorded.stream());
            item.put("eventId", recorded.event().eventId());
            item.put("eventType", recorded.event().eventType());
            item.put("recordedAt", recorded.recordedAt().toString());
            item.put("candidate", matches);
            item.put("subscribers", table.match(envelope).stream().map(Subscriber::name).toList());
            item.put("event", mapper.readTree(exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, recorded)));
            items.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("scanned", events.size());
        answer.put("candidateMatches", candidateMatches);
        answer.put("events", items);
        JsonResponse.send(exchange, 200, mapper.writeValueAsBytes(answer));
    }

    /** The first field of the pattern the event fails on its own, or the whole pattern when none does. */
    static Map<String, Object> whyNot(String pattern, JsonNode event) {
        JsonNode root;
        try {
            root = PATTERN_JSON.readTree(pattern);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON pattern: " + e.getOriginalMessage(), e);
        }
        for (List<String> path : PatternFields.of(pattern)) {
            JsonNode leaf = root;
            for (String name : path) {
                leaf = leaf == null ? null : leaf.get(name);
            }
            if (leaf == null) {
                continue; // under an $or: no single field decides
            }
            ObjectNode single = JsonNodeFactory.instance.objectNode();
            ObjectNode parent = single;
            for (int i = 0; i < path.size() - 1; i++) {
                parent = parent.putObject(path.get(i));
            }
            parent.set(path.get(path.size() - 1), leaf);
            if (!EventPattern.compile(single.toString()).matches(event)) {
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("field", String.join(".", path));
                why.put("pattern", leaf);
                JsonNode value = event;
                for (String name : path) {
                    value = value == null ? null : value.get(name);
                }
                why.put("value", value);
                return why;
            }
        }
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("pattern", root);
        return why;
    }

    /** The dispatch endpoint whose table was loaded last: the one in use (the pipelines of one router share a file). */
    private Optional<DispatchEndpoint> table() {
        return context.getEndpoints().stream()
                .filter(DispatchEndpoint.class::isInstance).map(DispatchEndpoint.class::cast)
                .filter(endpoint -> endpoint.getLoadedAt() != null)
                .max(Comparator.comparing(DispatchEndpoint::getLoadedAt));
    }

    private EventJournal journal() {
        if (eventStore.getEventStore() instanceof JdbcEventStore jdbc) {
            return jdbc.journal();
        }
        throw new HttpError(501, "not-implemented", "the event store is not a JDBC one: it finds no event by id");
    }

    static String withoutOptions(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
