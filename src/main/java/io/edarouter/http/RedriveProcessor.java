package io.edarouter.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.delivery.DeadLetterRedrive;
import io.edarouter.event.EventCodec;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /dlq/redrive} with {@code {"ids": [1, 2]}}, or {@code {"all": true}} and optionally {@code "kind"} and
 * {@code "subscription"} (every dead letter not redriven yet, at most {@value #MAX_ALL} per request): sends them back
 * (see {@link DeadLetterRedrive}) and answers {@code 202 {"redriven": [ids], "skipped": [{"id", "reason"}]}}.
 */
final class RedriveProcessor implements Processor {

    static final int MAX_ALL = 1000;

    private final EventCodec codec = new EventCodec();
    private final DeadLetterRedrive redrive;

    RedriveProcessor(CamelContext context) {
        this.redrive = new DeadLetterRedrive(context);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        JsonNode request;
        try {
            request = codec.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        } catch (IOException e) {
            JsonResponse.error(exchange, 400, "the body is not JSON: " + e.getMessage());
            return;
        }
        List<Long> ids = new ArrayList<>();
        if (request != null && request.path("ids").isArray()) {
            for (JsonNode id : request.get("ids")) {
                if (!id.canConvertToLong()) {
                    JsonResponse.error(exchange, 400, "ids are numbers, was " + id);
                    return;
                }
                ids.add(id.asLong());
            }
        } else if (request != null && request.path("all").asBoolean(false)) {
            DeadLetter.Kind kind;
            try {
                kind = request.hasNonNull("kind") ? DeadLetter.Kind.parse(request.get("kind").asText()) : null;
            } catch (IllegalArgumentException e) {
                JsonResponse.error(exchange, 400, e.getMessage());
                return;
            }
            String subscription = request.hasNonNull("subscription") ? request.get("subscription").asText() : null;
            exchange.getContext().getComponent("eventstore", EventStoreComponent.class).getEventStore().deadLetters()
                    .list(kind, subscription, true, false, MAX_ALL).forEach(d -> ids.add(d.id()));
        } else {
            JsonResponse.error(exchange, 400, "give {\"ids\": [...]} or {\"all\": true, \"kind\"?, \"subscription\"?}");
            return;
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
