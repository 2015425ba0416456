package io.edarouter.http;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.EventCodec;
import io.edarouter.routing.EventPattern;
import io.edarouter.store.EventStore;
import io.edarouter.store.SubscriptionCheckpoint;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.store.camel.EventStoreConsumer;
import io.edarouter.store.camel.RecordedEventConverterLoader;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /subscriptions/{name}/replay} with {@code {"fromPosition": N}} or {@code {"fromTime": "ISO-8601"}}
 * and optionally {@code "pattern": {EventBridge pattern}}: delivers stored events again to that subscriber only.
 * <ul>
 * <li>Without a pattern the subscription's checkpoint moves back to the position (the active instance, here or in
 * another router, takes it up without a restart) and everything from there is delivered again:
 * {@code 202 {"subscription", "mode": "checkpoint", "fromPosition", "toPosition", "events"}}; a position at or
 * beyond the checkpoint has nothing to replay: {@code "mode": "none"}.</li>
 * <li>With a pattern the checkpoint stays; the consumer running in this router delivers the events from the
 * position up to the head at the time of the request that it selects and the pattern matches:
 * {@code 202 {"subscription", "mode": "resend", "fromPosition", "toPosition", "pattern"}}.</li>
 * </ul>
 * 404 for an unknown subscription, 409 for a filtered replay whose consumer does not run in this router, 400 for a
 * bad request.
 */
final class ReplayProcessor implements Processor {

    static final String UNKNOWN_SUBSCRIPTION = "unknown-subscription";
    private static final List<String> FIELDS = List.of("fromPosition", "fromTime", "pattern");

    private final EventCodec codec = new EventCodec();
    private final EventStoreComponent component;

    ReplayProcessor(EventStoreComponent component) {
        this.component = component;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ObjectMapper json = codec.mapper();
        String name = exchange.getMessage().getHeader("name", String.class);
        EventStore store = component.getEventStore();
        Optional<SubscriptionCheckpoint> checkpoint = store.subscriptions().stream()
                .filter(s -> s.name().equals(name)).findFirst();
        Optional<EventStoreConsumer> consumer = component.subscriber(name);
        if (checkpoint.isEmpty() && consumer.isEmpty()) {
            throw new HttpError(404, UNKNOWN_SUBSCRIPTION, "no subscription '" + name + "' in the store or in this router");
        }
        JsonNode request = JsonBody.readObject(exchange, json, FIELDS);
        if (request.has("fromPosition") == request.has("fromTime")) {
            throw HttpError.invalidBody("give one of fromPosition (a global position) or fromTime (ISO-8601)");
        }
        long from;
        if (request.has("fromPosition")) {
            JsonNode position = request.get("fromPosition");
            if (!position.isIntegralNumber() || !position.canConvertToLong() || position.asLong() < 0) {
                throw HttpError.invalidBody("field 'fromPosition' is a global position, a whole number >= 0, was "
                        + position);
            }
            from = position.asLong();
        } else {
            JsonNode time = request.get("fromTime");
            try {
                from = store.positionAt(Instant.parse(time.isTextual() ? time.asText() : String.valueOf(time)));
            } catch (DateTimeParseException e) {
                throw HttpError.invalidBody("field 'fromTime' is an ISO-8601 instant such as \"2024-01-01T00:00:00Z\","
                        + " was " + time);
            }
        }
        long head = store.headPosition();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subscription", name);
        JsonNode patternJson = request.get("pattern");
        if (patternJson == null || patternJson.isNull()) {
            long current = checkpoint.map(SubscriptionCheckpoint::position).orElse(0L);
            if (from >= current) {
                answer.put("mode", "none");
                answer.put("reason", "the subscription has not delivered position " + from + " yet (checkpoint "
                        + current + ")");
                JsonResponse.send(exchange, 202, json.writeValueAsBytes(answer));
                return;
            }
            store.setCheckpoint(name, from);
            answer.put("mode", "checkpoint");
            answer.put("fromPosition", from);
            answer.put("toPosition", current);
            answer.put("events", current - from);
            JsonResponse.send(exchange, 202, json.writeValueAsBytes(answer));
            return;
        }
        EventPattern pattern;
        try {
            if (!patternJson.isObject()) {
                throw new IllegalArgumentException("a pattern is a JSON object, was " + patternJson);
            }
            pattern = EventPattern.compile(json.writeValueAsString(patternJson));
        } catch (RuntimeException e) {
            throw HttpError.invalidBody("field 'pattern': " + JsonBody.withoutParserInternals(e.getMessage()));
        }
        if (consumer.isEmpty()) {
            throw new HttpError(409, "no-consumer-here", "subscription '" + name
                    + "' has no consumer running in this router: a filtered replay runs where its consumer runs");
        }
        consumer.get().replay(from, head, event -> {
            try {
                return pattern.matches(json.readTree(RecordedEventConverterLoader.toJson(event)));
            } catch (IOException e) {
                return false;
            }
        });
        answer.put("mode", "resend");
        answer.put("fromPosition", from);
        answer.put("toPosition", head);
        answer.put("pattern", patternJson);
        JsonResponse.send(exchange, 202, json.writeValueAsBytes(answer));
    }
}
