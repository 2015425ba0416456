package io.edarouter.schema;

import io.edarouter.event.InvalidEventException;

/**
 * An event refused at stage {@value #STAGE_SCHEMA}: its data breaks its type's schema, or (mode registered-only) its
 * type or its {@code schemaVersion} has none. The pointer and rule name the first failing field, so a dead letter's
 * headers and a 400 say what to fix.
 */
public class SchemaViolationException extends InvalidEventException {

    public static final String STAGE_SCHEMA = "schema";

    private final String pointer;
    private final String rule;

    SchemaViolationException(String reason, String pointer, String rule) {
        super(STAGE_SCHEMA, reason);
        this.pointer = pointer;
        this.rule = rule;
    }

    /** JSON pointer into the event's data of the first failing field; null when the refusal is not about a field. */
    public String getPointer() {
        return pointer;
    }

    /** The JSON Schema keyword that failed ({@code type}, {@code required}, ...); null when none did. */
    public String getRule() {
        return rule;
    }
}
