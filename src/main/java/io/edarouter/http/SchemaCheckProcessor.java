package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.EventCodec;
import io.edarouter.routing.DispatchEndpoint;
import io.edarouter.routing.Subscriber;
import io.edarouter.schema.CompatibilityMode;
import io.edarouter.schema.JsonSchemaValidator;
import io.edarouter.schema.RegisteredSchema;
import io.edarouter.schema.SchemaChange;
import io.edarouter.schema.SchemaCompatibility;
import io.edarouter.schema.SchemaDiscovery;
import io.edarouter.schema.SchemaRegistry;
import io.edarouter.schema.SchemaViolation;
import io.edarouter.schema.StoredSchemaRegistry;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code POST /schemas/{eventType}/check} with a candidate JSON Schema as the body: what registering it would meet,
 * without registering anything. The answer (200):
 * <ul>
 * <li>{@code checked}, {@code passed}, {@code failed}: the candidate run against the {@code data} of the type's newest
 * stored events ({@code eda.schemas.check.events} of them), and {@code failures}: the first
 * {@value #FAILURES_LISTED}, newest first, each with its {@code eventId}, {@code globalPosition}, {@code pointer},
 * {@code rule} and {@code message};</li>
 * <li>{@code compatibility}: the changes that make it incompatible with the latest registered version in the type's
 * compatibility mode ({@code null} when none is registered);</li>
 * <li>{@code removedOrRetyped}: the fields it no longer describes or describes with another type, compared with the
 * latest registered version, or, with none registered, with the schema discovered from the same events
 * ({@code comparedWith} says which), and {@code subscribers}: those whose pattern tests such a field.</li>
 * </ul>
 * 400 when the body is not a JSON Schema.
 */
final class SchemaCheckProcessor implements Processor {

    static final int FAILURES_LISTED = 10;

    private final ObjectMapper json = new EventCodec().mapper();
    private final EventStoreComponent eventStore;
    private final Supplier<Optional<SchemaRegistry>> registry;
    private final Function<String, CompatibilityMode> compatibility;
    private final int maxEvents;
    private final SchemaDiscovery.EnumThreshold enumThreshold;

    SchemaCheckProcessor(EventStoreComponent eventStore, Supplier<Optional<SchemaRegistry>> registry,
                         Function<String, CompatibilityMode> compatibility, int maxEvents,
                         SchemaDiscovery.EnumThreshold enumThreshold) {
        this.eventStore = eventStore;
        this.registry = registry;
        this.compatibility = compatibility;
        this.maxEvents = maxEvents;
        this.enumThreshold = enumThreshold;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String eventType = exchange.getMessage().getHeader("eventType", String.class);
        JsonNode candidate;
        JsonSchemaValidator validator;
        try {
            // read and compiled as PUT /schemas/{eventType} does, so a candidate the check accepts can be registered
            candidate = StoredSchemaRegistry.readSchema(exchange.getMessage().getBody(byte[].class));
            validator = JsonSchemaValidator.compile(candidate);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "invalid-schema", e.getMessage());
        }
        List<RecordedEvent> events = NewestEvents.of(eventStore.getEventStore(), eventType, maxEvents);
        int passed = 0;
        List<Map<String, Object>> failures = new ArrayList<>();
        for (RecordedEvent recorded : events) {
            Optional<SchemaViolation> violation = validator.firstViolation(recorded.event().data());
            if (violation.isEmpty()) {
                passed++;
            } else if (failures.size() < FAILURES_LISTED) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("eventId", recorded.event().eventId());
                failure.put("globalPosition", recorded.globalPosition());
                failure.put("pointer", violation.get().pointer());
                failure.put("rule", violation.get().rule());
                failure.put("message", violation.get().message());
                failures.add(failure);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventType", eventType);
        answer.put("checked", events.size());
        answer.put("passed", passed);
        answer.put("failed", events.size() - passed);
        answer.put("failures", failures);

        Optional<RegisteredSchema> latest = registry.get().flatMap(schemas -> schemas.latest(eventType));
        JsonNode previous = null;
        if (latest.isPresent()) {
            CompatibilityMode mode = compatibility.apply(eventType);
            List<SchemaChange> changes = SchemaCompatibility.incompatibilities(latest.get().schema(), candidate, mode);
            Map<String, Object> compatible = new LinkedHashMap<>();
            compatible.put("version", latest.get().version());
            compatible.put("mode", mode.name());
            compatible.put("compatible", changes.isEmpty());
            compatible.put("changes", changes);
            answer.put("compatibility", compatible);
            previous = latest.get().schema();
            answer.put("comparedWith", "version " + latest.get().version());
        } else {
            answer.put("compatibility", null);
            if (!events.isEmpty()) {
                previous = SchemaDiscovery.infer(events.stream().map(e -> e.event().data()).toList(), enumThreshold);
                answer.put("comparedWith", "discovered from the " + events.size() + " events checked");
            } else {
                answer.put("comparedWith", null);
            }
        }
        List<SchemaChange> removedOrRetyped = previous == null ? List.of()
                : SchemaCompatibility.removedOrRetyped(previous, candidate);
        answer.put("removedOrRetyped", removedOrRetyped);
        answer.put("subscribers", AffectedSubscribers.of(eventType, removedOrRetyped, subscribers(exchange.getContext())));
        JsonResponse.send(exchange, 200, json.writeValueAsBytes(answer));
    }

    /** The compatibility mode of a type, as registration reads it ({@code eda.schemas.compatibility[.<eventType>]}). */
    static Function<String, CompatibilityMode> compatibilityOf(CamelContext context) {
        io.edarouter.config.EdaProperties properties = io.edarouter.config.EdaProperties.of(context);
        return eventType -> CompatibilityMode.parse(properties.schemasCompatibility(eventType));
    }

    /** The subscribers of every subscribers file this router dispatches with. */
    private static List<Subscriber> subscribers(CamelContext context) {
        List<Subscriber> subscribers = new ArrayList<>();
        for (org.apache.camel.Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof DispatchEndpoint dispatch) {
                subscribers.addAll(dispatch.getSubscribers());
            }
        }
        return subscribers;
    }
}
