package io.edarouter.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON Schema (draft 2020-12 unless the schema's {@code $schema} names another draft), compiled once. Thread-safe:
 * one instance serves every ingest thread, which is why the registry caches it per schema version.
 */
public final class JsonSchemaValidator {

    /*
     * Formats are asserted (an "orderedAt" that is not a date-time fails), since the point of a schema at the door is
     * to stop what consumers would trip on; draft 2020-12 only annotates them unless asked. Pointers are JSON pointers
     * into the data, what a dead letter's reason and a 400 name.
     */
    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private static final com.networknt.schema.SchemaRegistry SCHEMAS = com.networknt.schema.SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(CONFIG));
    // the draft's own meta-schema, bundled in the validator's jar: a schema document is valid if it validates
    private static final Schema META_SCHEMA = SCHEMAS.getSchema(
            com.networknt.schema.SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

    private final Schema schema;

    private JsonSchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /**
     * Compiles a schema document.
     *
     * @throws IllegalArgumentException naming what is wrong, when the document is not a valid JSON Schema
     */
    public static JsonSchemaValidator compile(JsonNode schema) {
        if (schema == null || !(schema.isObject() || schema.isBoolean())) {
            throw new IllegalArgumentException("a JSON Schema is a JSON object (or true/false), not "
                    + (schema == null ? "nothing" : schema.getNodeType().toString().toLowerCase()));
        }
        List<Error> metaErrors = META_SCHEMA.validate(schema);
        if (!metaErrors.isEmpty()) {
            Error first = metaErrors.get(0);
            throw new IllegalArgumentException("not a valid JSON Schema (draft 2020-12): "
                    + violation(first).describe());
        }
        try {
            Schema compiled = SCHEMAS.getSchema(schema);
            compiled.initializeValidators();
            return new JsonSchemaValidator(compiled);
        } catch (SchemaException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid JSON Schema: " + e.getMessage(), e);
        }
    }

    /** The first violation the validator meets, or empty when the data is valid. */
    public Optional<SchemaViolation> firstViolation(JsonNode data) {
        List<SchemaViolation> found = violations(data, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** At most {@code max} violations, in the validator's order; empty when the data is valid. */
    public List<SchemaViolation> violations(JsonNode data, int max) {
        List<Error> errors = schema.validate(data);
        List<SchemaViolation> violations = new ArrayList<>(Math.min(errors.size(), Math.max(max, 0)));
        for (Error error : errors) {
            if (violations.size() >= max) {
                break;
            }
            violations.add(violation(error));
        }
        return violations;
    }

    static SchemaViolation violation(Error error) {
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        // "required" (and the like) fails at the object; users look for the missing field, so the pointer names it
        if (error.getProperty() != null && ("required".equals(error.getKeyword())
                || "dependentRequired".equals(error.getKeyword()))) {
            pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        String message = error.getMessage();
        return new SchemaViolation(pointer, error.getKeyword(), message == null ? error.toString() : message);
    }

}
