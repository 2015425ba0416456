package io.edarouter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.schema.RegisteredSchema;
import io.edarouter.schema.StoredSchemaRegistry;
import io.edarouter.schema.StoredSchemaRegistry.Registration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The schema registry's endpoints (docs/schemas.md): {@code GET /schemas} lists the event types and their versions,
 * {@code GET /schemas/{eventType}} one type's versions and latest schema, {@code GET /schemas/{eventType}/{version}}
 * one version's schema document as registered, and {@code PUT /schemas/{eventType}} registers the body as the next
 * version: 201 when it is new, 200 when it is the latest version already, 409 naming each incompatible change, 400
 * when it is not a valid JSON Schema.
 */
final class SchemasProcessor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;

    SchemasProcessor(CamelContext context) {
        this.context = context;
    }

    private StoredSchemaRegistry registry() {
        return StoredSchemaRegistry.of(context);
    }

    void list(Exchange exchange) throws Exception {
        StoredSchemaRegistry registry = registry();
        List<Map<String, Object>> types = registry.eventTypes().stream().map(type -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("eventType", type);
            entry.put("versions", registry.versions(type).stream().map(RegisteredSchema::version).toList());
            entry.put("compatibility", registry.compatibility(type).name());
            return entry;
        }).toList();
        JsonResponse.send(exchange, 200, JSON.writeValueAsBytes(Map.of("eventTypes", types)));
    }

    void type(Exchange exchange) throws Exception {
        StoredSchemaRegistry registry = registry();
        String type = eventType(exchange);
        List<RegisteredSchema> versions = registry.versions(type);
        if (versions.isEmpty()) {
            throw new HttpError(404, HttpError.NOT_FOUND, "event type " + type + " has no registered schema");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventType", type);
        body.put("compatibility", registry.compatibility(type).name());
        body.put("versions", versions.stream().map(v -> {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("version", v.version());
            version.put("registeredAt", v.registeredAt().toString());
            version.put("origin", registry.origin(type, v.version()).orElse(null));
            return version;
        }).toList());
        body.put("latest", versions.get(versions.size() - 1).schema());
        JsonResponse.send(exchange, 200, JSON.writeValueAsBytes(body));
    }

    /** The schema document itself, so it can be edited and sent back with PUT as the next version. */
    void version(Exchange exchange) throws Exception {
        String type = eventType(exchange);
        String text = exchange.getMessage().getHeader("version", String.class);
        int number;
        try {
            number = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new HttpError(404, HttpError.NOT_FOUND, "no schema version '" + text + "' of " + type
                    + ": a version is a whole number from 1");
        }
        Optional<RegisteredSchema> schema = registry().version(type, number);
        if (schema.isEmpty()) {
            throw new HttpError(404, HttpError.NOT_FOUND, "event type " + type + " has no schema version " + number);
        }
        JsonResponse.send(exchange, 200, JSON.writeValueAsBytes(schema.get().schema()));
        exchange.getMessage().setHeader("Eda-Schema-Version", number);
    }

    void register(Exchange exchange) throws Exception {
        String type = eventType(exchange);
        Registration registration;
        try {
            JsonNode schema = StoredSchemaRegistry.readSchema(exchange.getMessage().getBody(byte[].class));
            registration = registry().register(type, schema);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "invalid-schema", e.getMessage());
        }
        switch (registration.outcome()) {
            case INCOMPATIBLE -> JsonResponse.send(exchange, 409, JsonResponse.errorBody("incompatible-schema",
                    "not compatible (" + registration.mode() + ") with version " + registration.previousVersion()
                            + " of " + type + ": " + registration.changes().size() + " change(s); nothing was registered",
                    Map.of("compatibility", registration.mode().name(),
                            "previousVersion", registration.previousVersion(),
                            "changes", registration.changes().stream()
                                    .map(c -> Map.of("pointer", c.pointer(), "change", c.change())).toList())));
            case REGISTERED, UNCHANGED -> {
                RegisteredSchema schema = registration.schema().orElseThrow();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("eventType", type);
                body.put("version", schema.version());
                body.put("registeredAt", schema.registeredAt().toString());
                body.put("registered", registration.outcome() == StoredSchemaRegistry.Outcome.REGISTERED);
                JsonResponse.send(exchange, registration.outcome() == StoredSchemaRegistry.Outcome.REGISTERED ? 201 : 200,
                        JSON.writeValueAsBytes(body));
                exchange.getMessage().setHeader("Location", "/schemas/" + type + "/" + schema.version());
            }
        }
    }

    private static String eventType(Exchange exchange) {
        return exchange.getMessage().getHeader("eventType", String.class);
    }
}
