package io.edarouter.http;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.event.EventCodec;
import io.edarouter.schema.SchemaDiscovery;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /schemas/{eventType}/discovered}: a draft 2020-12 JSON Schema inferred from the {@code data} of the
 * type's newest stored events ({@code eda.schemas.check.events} of them), ready to review and register with
 * {@code PUT /schemas/{eventType}}; its {@code description} says what it was inferred from. 404 when the store has no
 * event of the type.
 */
final class DiscoveredSchemaProcessor implements Processor {

    private final ObjectMapper json = new EventCodec().mapper();
    private final EventStoreComponent eventStore;
    private final int maxEvents;
    private final SchemaDiscovery.EnumThreshold enumThreshold;

    DiscoveredSchemaProcessor(EventStoreComponent eventStore, int maxEvents, SchemaDiscovery.EnumThreshold enumThreshold) {
        this.eventStore = eventStore;
        this.maxEvents = maxEvents;
        this.enumThreshold = enumThreshold;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String eventType = exchange.getMessage().getHeader("eventType", String.class);
        List<RecordedEvent> events = NewestEvents.of(eventStore.getEventStore(), eventType, maxEvents);
        if (events.isEmpty()) {
            throw new HttpError(404, "no-events", "no stored event of type '" + eventType
                    + "' to infer a schema from");
        }
        ObjectNode schema = SchemaDiscovery.infer(events.stream().map(e -> e.event().data()).toList(), enumThreshold);
        ObjectNode answer = json.createObjectNode();
        answer.set("$schema", schema.remove("$schema"));
        answer.put("description", "Discovered from the " + events.size() + " newest stored " + eventType
                + " events (global positions " + events.get(events.size() - 1).globalPosition() + " to "
                + events.get(0).globalPosition() + "); review before registering");
        answer.setAll(schema);
        JsonResponse.send(exchange, 200, json.writeValueAsBytes(answer));
    }
}
