package io.edarouter.schema;

/**
 * One difference between two versions of a schema that matters to someone.
 *
 * @param pointer the field, as a JSON pointer into the event's {@code data} ({@code ""} is {@code data} itself;
 *                {@code *} stands for any element of an array, as in {@code /lines/*}{@code /sku})
 * @param change  what changed, from the previous version to the candidate, e.g. {@code type changed from number to
 *                string}
 */
public record SchemaChange(String pointer, String change) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(data)" : pointer) + ": " + change;
    }
}
