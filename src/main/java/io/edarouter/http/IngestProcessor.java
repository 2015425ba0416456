package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.broker.BrokerHeaders;
import io.edarouter.config.EdaProperties;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import io.edarouter.event.EventLimits;
import io.edarouter.event.InvalidEventException;
import io.edarouter.schema.SchemaValidation;
import io.edarouter.schema.SchemaViolationException;
import io.edarouter.store.camel.StreamResolver;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * {@code POST /events}: one event or a JSON array. All events are validated first, their data against their type's
 * schema too (stage {@code schema}, with the pointer and rule of the first failing field; docs/schemas.md), their
 * streams told too (an event without a subject whose stream expression misses a value is refused at stage
 * {@code stream}); if any is invalid
 * the answer is 400 with the reason per rejected event and nothing is published, so a client fixes
 * and resends the whole request (resending is safe: the store is idempotent on eventId). Otherwise
 * each event is published to {@code eda.ingest.uri}, keyed by its stream so order per stream holds,
 * and the answer is 202 with the eventIds.
 */
final class IngestProcessor implements Processor {


    private final EventCodec codec;
    private final String uri;
    private final StreamResolver streams;
    private final ProducerTemplate producer;
    private final SchemaValidation schemas;

    IngestProcessor(CamelContext context) {
        EdaProperties properties = EdaProperties.of(context);
        this.codec = new EventCodec(EventLimits.from(properties));
        this.uri = properties.ingestUri();
        this.streams = new StreamResolver(context, properties.streamExpression().orElse(null), EdaProperties.STREAM_EXPRESSION);
        this.producer = context.createProducerTemplate();
        this.schemas = SchemaValidation.of(context);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<JsonNode> items;
        try {
            items = codec.readBatch(exchange.getMessage().getBody(byte[].class));
        } catch (InvalidEventException e) {
            // the body as a whole: empty, not JSON, over a limit
            JsonResponse.error(exchange, 400, HttpError.INVALID_BODY, JsonBody.withoutParserInternals(e.getReason()));
            return;
        }
        List<Event> events = new ArrayList<>(items.size());
        List<String> keys = new ArrayList<>(items.size());
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                Event event = codec.fromJson(items.get(i));
                schemas.check(event);
                keys.add(streams.streamOf(exchange, event));
                events.add(event);
            } catch (InvalidEventException e) {
                rejected.add(rejection(i, items.get(i), e));
            }
        }
        if (!rejected.isEmpty()) {
            reject(exchange, "invalid-events", "invalid events: " + rejected.size() + " of " + items.size()
                    + "; nothing was published ('rejected' says why, per event)", rejected);
            return;
        }
        List<String> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            String key = keys.get(i);
            Exchange sent = producer.send(uri, out -> {
                out.getMessage().setBody(event);
                BrokerHeaders.setKey(out.getMessage(), key);
            });
            if (sent.getException() != null) {
                throw sent.getException();
            }
            accepted.add(event.eventId());
        }
        JsonResponse.send(exchange, 202, codec.mapper().writeValueAsBytes(Map.of("accepted", accepted)));
    }

    private static Map<String, Object> rejection(int index, JsonNode item, InvalidEventException e) {
        Map<String, Object> rejection = new LinkedHashMap<>();
        rejection.put("index", index);
        if (item != null && item.path("eventId").isTextual()) {
            rejection.put("eventId", item.path("eventId").textValue());
        }
        rejection.put("stage", e.getStage());
        rejection.put("reason", e.getReason());
        if (e instanceof SchemaViolationException schema && schema.getPointer() != null) {
            rejection.put("pointer", schema.getPointer());
            rejection.put("rule", schema.getRule());
        }
        return rejection;
    }

    private static void reject(Exchange exchange, String error, String detail, List<Map<String, Object>> rejected) {
        JsonResponse.send(exchange, 400, JsonResponse.errorBody(error, detail, Map.of("rejected", rejected)));
    }
}
