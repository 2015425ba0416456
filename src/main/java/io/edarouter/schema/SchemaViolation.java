package io.edarouter.schema;

/**
 * One way an event's {@code data} breaks its schema.
 *
 * @param pointer JSON pointer into the data of the failing field ({@code /amount}; for a missing required field, the
 *                field that is missing, {@code /customerId}; {@code ""} for the data itself)
 * @param rule    the JSON Schema keyword that failed ({@code type}, {@code required}, {@code minimum}, ...)
 * @param message the validator's sentence, for people
 */
public record SchemaViolation(String pointer, String rule, String message) {

    /** {@code /amount: type (string found, number expected)}: what a dead letter's reason and a 400 say. */
    public String describe() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + rule + " (" + message + ")";
    }
}
