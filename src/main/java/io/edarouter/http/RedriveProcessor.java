package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.event.EventCodec;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.camel.DeadLetterRedrive;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /dlq/redrive} with {@code {"ids": [1, 2]}}, or {@code {"all": true}} and optionally {@code "kind"} and
 * {@code "subscription"} (every dead letter not redriven yet, at most {@value #MAX_ALL} per request): sends them back
 * (see {@link DeadLetterRedrive}) and answers {@code 202 {"redriven": [ids], "skipped": [{"id", "reason"}]}}.
 */
final class RedriveProcessor implements Processor {

    static final int MAX_ALL = 1000;
    private static final List<String> FIELDS = List.of("ids", "all", "kind", "subscription");

    private final EventCodec codec = new EventCodec();
    private final EventStoreComponent eventStore;
    private final DeadLetterRedrive redrive;

    RedriveProcessor(EventStoreComponent eventStore, DeadLetterRedrive redrive) {
        this.eventStore = eventStore;
        this.redrive = redrive;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode request = JsonBody.readObject(exchange, codec.mapper(), FIELDS);
        List<Long> ids = new ArrayList<>();
        if (request.has("ids") == request.has("all")) {
            throw HttpError.invalidBody("give {\"ids\": [...]} or {\"all\": true, \"kind\"?, \"subscription\"?}");
        }
        if (request.has("ids")) {
            if (!request.get("ids").isArray() || request.has("kind") || request.has("subscription")) {
                throw HttpError.invalidBody("field 'ids' is an array of dead-letter ids, without kind or subscription");
            }
            for (JsonNode id : request.get("ids")) {
                if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                    throw HttpError.invalidBody("field 'ids' holds whole numbers, was " + id);
                }
                ids.add(id.asLong());
            }
        } else {
            if (!request.get("all").isBoolean() || !request.get("all").booleanValue()) {
                throw HttpError.invalidBody("field 'all' is true, was " + request.get("all"));
            }
            DeadLetter.Kind kind = null;
            if (request.hasNonNull("kind")) {
                try {
                    kind = DeadLetter.Kind.parse(request.get("kind").asText());
                } catch (IllegalArgumentException e) {
                    throw HttpError.invalidBody("field 'kind' is \"ingest\" or \"subscriber\", was " + request.get("kind"));
                }
            }
            JsonNode subscription = request.get("subscription");
            if (subscription != null && !subscription.isNull() && !subscription.isTextual()) {
                throw HttpError.invalidBody("field 'subscription' is a subscription's name, was " + subscription);
            }
            eventStore.getEventStore().deadLetters()
                    .list(kind, subscription == null || subscription.isNull() ? null : subscription.asText(), true,
                            false, MAX_ALL)
                    .forEach(d -> ids.add(d.id()));
        }
        List<Long> redriven = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (DeadLetterRedrive.Outcome outcome : redrive.redrive(ids)) {
            if (outcome.redriven()) {
                redriven.add(outcome.id());
            } else {
                Map<String, Object> skip = new LinkedHashMap<>();
                skip.put("id", outcome.id());
                skip.put("reason", outcome.reason());
                skipped.add(skip);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("redriven", redriven);
        answer.put("skipped", skipped);
        JsonResponse.send(exchange, 202, codec.mapper().writeValueAsBytes(answer));
    }
}
