package io.edarouter.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.edarouter.config.EdaProperties;
import io.edarouter.event.Event;
import org.apache.camel.CamelContext;

/**
 * Checks events against the registry at the door, in the mode of their type ({@code eda.schemas.mode}): the
 * event's {@code schemaVersion} selects the version, the latest one when it has none. The registry is only made
 * once a type's mode is not {@code off}, so with validation off nothing of it runs.
 */
public final class SchemaValidation {

    private final Function<String, SchemaMode> modeOf;
    private final Supplier<StoredSchemaRegistry> registry;
    private final Map<String, SchemaMode> modes = new ConcurrentHashMap<>();
    private volatile StoredSchemaRegistry schemas;

    SchemaValidation(Function<String, SchemaMode> modeOf, Supplier<StoredSchemaRegistry> registry) {
        this.modeOf = modeOf;
        this.registry = registry;
    }

    /** Validation in the context's modes, against its registry. */
    public static SchemaValidation of(CamelContext context) {
        EdaProperties properties = EdaProperties.of(context);
        return new SchemaValidation(type -> SchemaMode.parse(EdaProperties.SCHEMAS_MODE, properties.schemasMode(type)),
                () -> StoredSchemaRegistry.of(context));
    }

    /**
     * Passes a valid event (or one whose type's mode lets it pass); else throws.
     *
     * @throws SchemaViolationException stage {@code schema}: the data breaks the selected version (the reason names the
     *                                  version, the pointer of the first failing field and the rule), or the type or
     *                                  the version has no schema and the mode asks for one
     */
    public void check(Event event) {
        String type = event.eventType();
        SchemaMode mode = modes.computeIfAbsent(type, modeOf);
        if (mode == SchemaMode.OFF) {
            return;
        }
        StoredSchemaRegistry schemas = registry();
        String declared = event.schemaVersion();
        Optional<JsonSchemaValidator> validator;
        String version;
        if (declared == null) {
            Optional<RegisteredSchema> latest = schemas.latest(type);
            if (latest.isEmpty()) {
                if (mode == SchemaMode.REGISTERED_ONLY) {
                    throw new SchemaViolationException("event type " + type + " has no registered schema ("
                            + EdaProperties.SCHEMAS_MODE + "=" + mode.label() + ")", null, null);
                }
                return;
            }
            version = Integer.toString(latest.get().version());
            validator = schemas.validator(type, latest.get().version());
        } else {
            version = declared;
            validator = wholeNumber(declared).flatMap(v -> schemas.validator(type, v));
            if (validator.isEmpty()) {
                List<RegisteredSchema> versions = schemas.versions(type);
                if (versions.isEmpty() && mode == SchemaMode.VALIDATE_KNOWN) {
                    return;
                }
                throw new SchemaViolationException("schemaVersion '" + declared + "' is not a registered version of "
                        + type + " (registered: " + (versions.isEmpty() ? "none" : versions.stream()
                        .map(v -> Integer.toString(v.version())).reduce((a, b) -> a + ", " + b).orElse("")) + ")",
                        null, null);
            }
        }
        JsonNode data = event.data() == null ? NullNode.getInstance() : event.data();
        Optional<SchemaViolation> violation = validator.get().firstViolation(data);
        if (violation.isPresent()) {
            SchemaViolation v = violation.get();
            throw new SchemaViolationException("data of " + type + " breaks schema version " + version + ": "
                    + v.describe(), v.pointer(), v.rule());
        }
    }

    private StoredSchemaRegistry registry() {
        StoredSchemaRegistry s = schemas;
        if (s == null) {
            s = registry.get();
            schemas = s;
        }
        return s;
    }

    private static Optional<Integer> wholeNumber(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
