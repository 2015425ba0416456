package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import io.edarouter.event.InvalidEventException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * {@code POST /events}: one event or a JSON array. All events are validated first; if any is invalid
 * the answer is 400 with the reason per rejected event and nothing is published, so a client fixes
 * and resends the whole request (resending is safe: the store is idempotent on eventId). Otherwise
 * each event is published to {@code eda.ingest.uri}, keyed by its stream so order per stream holds,
 * and the answer is 202 with the eventIds.
 */
final class IngestProcessor implements Processor {

    static final String INGEST_URI = "eda.ingest.uri";
    static final String STREAM_EXPRESSION = "eda.store.stream-expression";
    private static final String KAFKA_KEY = "kafka.KEY";
    private static final String PULSAR_KEY = "CamelPulsarProducerMessageKey";

    private final EventCodec codec = new EventCodec();
    private final CamelContext context;
    private final String uri;
    private final Expression streamExpression;
    private final ProducerTemplate producer;

    IngestProcessor(CamelContext context) {
        this.context = context;
        this.uri = context.resolvePropertyPlaceholders("{{" + INGEST_URI + "}}");
        this.streamExpression = context.getPropertiesComponent().resolveProperty(STREAM_EXPRESSION)
                .map(expression -> context.resolveLanguage("simple").createExpression(expression))
                .orElse(null);
        this.producer = context.createProducerTemplate();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Object> items;
        try {
            items = codec.readBatch(exchange.getMessage().getBody(byte[].class));
        } catch (InvalidEventException e) {
            reject(exchange, List.of(rejection(0, null, e)));
            return;
        }
        List<Event> events = new ArrayList<>(items.size());
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                events.add(codec.fromJson(items.get(i)));
            } catch (InvalidEventException e) {
                rejected.add(rejection(i, items.get(i), e));
            }
        }
        if (!rejected.isEmpty()) {
            reject(exchange, rejected);
            return;
        }
        List<String> accepted = new ArrayList<>(events.size());
        for (Event event : events) {
                String key = streamKey(event);
                Exchange sent = producer.send(uri, out -> {
                    out.getMessage().setBody(event);
                    if (key != null) {
                        out.getMessage().setHeader(KAFKA_KEY, key);
                        out.getMessage().setHeader(PULSAR_KEY, key);
                    }
                });
                if (sent.getException() != null) {
                    throw sent.getException();
                }
                accepted.add(event.eventId());
        }
        JsonResponse.send(exchange, 202, codec.mapper().writeValueAsBytes(Map.of("accepted", accepted)));
    }

    /** The stream an event will be stored in, as the store derives it: subject, else the expression. */
    private String streamKey(Event event) {
        if (event.subject() != null) {
            return event.subject();
        }
        if (streamExpression == null) {
            return null;
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(event);
        String key = streamExpression.evaluate(exchange, String.class);
        return key == null || key.isBlank() ? null : key;
    }

    private static Map<String, Object> rejection(int index, Object item, InvalidEventException e) {
        Map<String, Object> rejection = new LinkedHashMap<>();
        rejection.put("index", index);
        if (item instanceof Map<?, ?> map && map.get("eventId") instanceof String id) {
            rejection.put("eventId", id);
        }
        rejection.put("stage", e.getStage());
        rejection.put("reason", e.getReason());
        return rejection;
    }

    private void reject(Exchange exchange, List<Map<String, Object>> rejected) throws Exception {
        JsonResponse.send(exchange, 400, codec.mapper().writeValueAsBytes(Map.of("rejected", rejected)));
    }
}
