package io.edarouter.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares two versions of a JSON Schema for an event type's {@code data}, the way schema registries define
 * compatibility: {@link CompatibilityMode#BACKWARD} asks whether everything the previous version accepts the
 * candidate accepts too (consumers on the new schema read old data), {@link CompatibilityMode#FORWARD} the reverse,
 * {@link CompatibilityMode#FULL} both. Both directions are one question — what does a <em>reader</em> schema refuse
 * that a <em>writer</em> schema accepts — asked with the versions in either role.
 *
 * <p>Compared: {@code type} (an {@code integer} is a {@code number}), {@code required} (a newly required property
 * with a {@code default} is allowed), {@code properties} (nested objects recursively), {@code additionalProperties}
 * (open or closed), {@code items}, {@code enum}/{@code const}, and the bounds ({@code minimum}, {@code maxLength},
 * {@code pattern}, {@code format}, ...). A property added to an open content model is accepted: strict registries
 * refuse it, because old data might hold that name with another type, but that is a question about the data, which
 * {@code POST /schemas/{eventType}/check} answers on the events actually stored. Keywords not analysed here
 * ({@code $ref}, {@code anyOf}, {@code if}, ...) are compared as text: a change to one is reported as incompatible
 * rather than guessed.
 */
public final class SchemaCompatibility {

    private static final List<String> LOWER_BOUNDS = List.of("minimum", "exclusiveMinimum", "minLength", "minItems",
            "minProperties");
    private static final List<String> UPPER_BOUNDS = List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems",
            "maxProperties");
    private static final List<String> EXACT = List.of("pattern", "format", "multipleOf");
    private static final List<String> NOT_ANALYSED = List.of("$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "not",
            "if", "then", "else", "patternProperties", "propertyNames", "prefixItems", "contains", "dependentRequired",
            "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "$defs");
    private static final Set<String> ALL_TYPES = Set.of("null", "boolean", "object", "array", "number", "string");

    private SchemaCompatibility() {
    }

    /**
     * What makes {@code candidate} incompatible with {@code previous} in {@code mode}; empty when it is compatible.
     * Each change names the field and what changed from the previous version to the candidate.
     */
    public static List<SchemaChange> incompatibilities(JsonNode previous, JsonNode candidate, CompatibilityMode mode) {
        Set<SchemaChange> changes = new LinkedHashSet<>();
        if (mode == CompatibilityMode.BACKWARD || mode == CompatibilityMode.FULL) {
            new Comparison(true, changes).refusals(previous, candidate, "");
        }
        if (mode == CompatibilityMode.FORWARD || mode == CompatibilityMode.FULL) {
            new Comparison(false, changes).refusals(candidate, previous, "");
        }
        return List.copyOf(changes);
    }

    /**
     * The fields {@code candidate} no longer describes or describes with other types than {@code previous} does,
     * whatever the compatibility mode: what a subscriber's pattern naming such a field should hear about.
     */
    public static List<SchemaChange> removedOrRetyped(JsonNode previous, JsonNode candidate) {
        List<SchemaChange> changes = new ArrayList<>();
        removedOrRetyped(previous, candidate, "", changes);
        return changes;
    }

    private static void removedOrRetyped(JsonNode previous, JsonNode candidate, String pointer, List<SchemaChange> out) {
        if (!previous.isObject() || !candidate.isObject()) {
            return;
        }
        Set<String> before = types(previous);
        Set<String> after = types(candidate);
        if (!before.equals(after)) {
            out.add(new SchemaChange(pointer, "type changed from " + typeText(previous) + " to " + typeText(candidate)));
            return;
        }
        JsonNode previousProperties = previous.path("properties");
        JsonNode candidateProperties = candidate.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = previousProperties.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String at = pointer + "/" + escape(field.getKey());
            if (!candidateProperties.has(field.getKey())) {
                out.add(new SchemaChange(at, "removed"));
            } else {
                removedOrRetyped(field.getValue(), candidateProperties.get(field.getKey()), at, out);
            }
        }
        if (previous.has("items") && candidate.has("items")) {
            removedOrRetyped(previous.get("items"), candidate.get("items"), pointer + "/*", out);
        }
    }

    /** One direction of the comparison: what {@code reader} refuses that {@code writer} accepts. */
    private record Comparison(boolean readerIsCandidate, Set<SchemaChange> out) {

        void refusals(JsonNode writer, JsonNode reader, String pointer) {
            if (reader.isBoolean() || writer.isBoolean()) {
                if (accepts(writer) && !accepts(reader)) {
                    add(pointer, readerIsCandidate ? "no value allowed any more" : "any value allowed now");
                }
                return;
            }
            if (!reader.isObject() || !writer.isObject()) {
                return;
            }
            Set<String> writerTypes = types(writer);
            Set<String> readerTypes = types(reader);
            Set<String> refused = new TreeSet<>(writerTypes);
            refused.removeIf(type -> covers(readerTypes, type));
            if (!refused.isEmpty()) {
                add(pointer, "type changed from " + typeText(previous(writer, reader)) + " to "
                        + typeText(candidate(writer, reader)));
                // a different type: the keywords below describe other values, comparing them says nothing more
                return;
            }
            enumValues(writer, reader, pointer);
            bounds(writer, reader, pointer);
            notAnalysed(writer, reader, pointer);
            if (readerTypes.contains("object") || reader.has("properties") || writer.has("properties")) {
                objects(writer, reader, pointer);
            }
            if (writer.has("items") || reader.has("items")) {
                JsonNode writerItems = writer.has("items") ? writer.get("items") : null;
                JsonNode readerItems = reader.get("items");
                if (readerItems != null) {
                    refusals(writerItems == null ? com.fasterxml.jackson.databind.node.BooleanNode.TRUE : writerItems,
                            readerItems, pointer + "/*");
                }
            }
            if (reader.path("uniqueItems").asBoolean(false) && !writer.path("uniqueItems").asBoolean(false)) {
                add(pointer, readerIsCandidate ? "uniqueItems added" : "uniqueItems removed");
            }
        }

        private void objects(JsonNode writer, JsonNode reader, String pointer) {
            JsonNode writerProperties = writer.path("properties");
            JsonNode readerProperties = reader.path("properties");
            Set<String> writerRequired = required(writer);
            for (String name : required(reader)) {
                if (writerRequired.contains(name)) {
                    continue;
                }
                // writer data may lack the field; a default says what a reader takes instead
                if (readerProperties.path(name).has("default")) {
                    continue;
                }
                add(pointer + "/" + escape(name), readerIsCandidate ? "required field added" : "field no longer required");
            }
            JsonNode readerAdditional = reader.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = writerProperties.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = pointer + "/" + escape(field.getKey());
                JsonNode readerField = readerProperties.get(field.getKey());
                if (readerField != null) {
                    refusals(field.getValue(), readerField, at);
                } else if (readerAdditional != null && readerAdditional.isBoolean() && !readerAdditional.asBoolean()) {
                    add(at, readerIsCandidate ? "property removed from a closed content model (additionalProperties: false)"
                            : "property added where the previous version allows no other properties (additionalProperties: false)");
                } else if (readerAdditional != null && readerAdditional.isObject()) {
                    refusals(field.getValue(), readerAdditional, at);
                }
            }
            JsonNode writerAdditional = writer.get("additionalProperties");
            boolean writerOpen = writerAdditional == null || !writerAdditional.isBoolean() || writerAdditional.asBoolean();
            boolean readerClosed = readerAdditional != null && readerAdditional.isBoolean() && !readerAdditional.asBoolean();
            if (writerOpen && readerClosed) {
                add(pointer, readerIsCandidate ? "additionalProperties closed (was open)"
                        : "additionalProperties opened (the previous version allows no other properties)");
            }
        }

        private void enumValues(JsonNode writer, JsonNode reader, String pointer) {
            Set<JsonNode> readerValues = enumOf(reader);
            if (readerValues == null) {
                return;
            }
            Set<JsonNode> writerValues = enumOf(writer);
            if (writerValues == null) {
                add(pointer, readerIsCandidate ? "enum added " + readerValues : "enum removed (was " + readerValues + ")");
                return;
            }
            for (JsonNode value : writerValues) {
                if (!readerValues.contains(value)) {
                    add(pointer, "enum value " + value + (readerIsCandidate ? " removed" : " added"));
                }
            }
        }

        private void bounds(JsonNode writer, JsonNode reader, String pointer) {
            for (String keyword : LOWER_BOUNDS) {
                JsonNode readerBound = reader.get(keyword);
                JsonNode writerBound = writer.get(keyword);
                if (readerBound != null && readerBound.isNumber() && (writerBound == null || !writerBound.isNumber()
                        || readerBound.decimalValue().compareTo(writerBound.decimalValue()) > 0)) {
                    changed(pointer, keyword, writerBound, readerBound);
                }
            }
            for (String keyword : UPPER_BOUNDS) {
                JsonNode readerBound = reader.get(keyword);
                JsonNode writerBound = writer.get(keyword);
                if (readerBound != null && readerBound.isNumber() && (writerBound == null || !writerBound.isNumber()
                        || readerBound.decimalValue().compareTo(writerBound.decimalValue()) < 0)) {
                    changed(pointer, keyword, writerBound, readerBound);
                }
            }
            for (String keyword : EXACT) {
                JsonNode readerValue = reader.get(keyword);
                if (readerValue != null && !readerValue.equals(writer.get(keyword))) {
                    changed(pointer, keyword, writer.get(keyword), readerValue);
                }
            }
        }

        private void notAnalysed(JsonNode writer, JsonNode reader, String pointer) {
            for (String keyword : NOT_ANALYSED) {
                JsonNode a = writer.get(keyword);
                JsonNode b = reader.get(keyword);
                if (a == null ? b != null : !a.equals(b)) {
                    add(pointer, keyword + " changed (not analysed: treated as incompatible)");
                }
            }
        }

        private void changed(String pointer, String keyword, JsonNode writerValue, JsonNode readerValue) {
            JsonNode before = readerIsCandidate ? writerValue : readerValue;
            JsonNode after = readerIsCandidate ? readerValue : writerValue;
            add(pointer, keyword + " changed from " + (before == null ? "none" : before.toString()) + " to "
                    + (after == null ? "none" : after.toString()));
        }

        private JsonNode previous(JsonNode writer, JsonNode reader) {
            return readerIsCandidate ? writer : reader;
        }

        private JsonNode candidate(JsonNode writer, JsonNode reader) {
            return readerIsCandidate ? reader : writer;
        }

        private void add(String pointer, String change) {
            out.add(new SchemaChange(pointer, change));
        }
    }

    private static boolean accepts(JsonNode schema) {
        return !schema.isBoolean() || schema.asBoolean();
    }

    /** The types a schema allows: its {@code type}, else (no type, or a {@code const}/{@code enum} only) any. */
    static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        Set<String> types = new TreeSet<>();
        if (type == null) {
            types.addAll(ALL_TYPES);
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static boolean covers(Set<String> types, String type) {
        return types.contains(type) || type.equals("integer") && types.contains("number");
    }

    private static String typeText(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return "any";
        }
        return type.isArray() ? String.join("|", types(schema)) : type.asText();
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        schema.path("required").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static Set<JsonNode> enumOf(JsonNode schema) {
        if (schema.has("const")) {
            return Set.of(schema.get("const"));
        }
        if (schema.path("enum").isArray()) {
            Set<JsonNode> values = new LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }

    /** A property name as a JSON pointer token (RFC 6901). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
