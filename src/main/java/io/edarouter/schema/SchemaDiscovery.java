package io.edarouter.schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Infers a JSON Schema (draft 2020-12) from the {@code data} of events as they were sent: the types seen (a number
 * always whole is an {@code integer}), the properties of objects at any depth ({@code required}: those present in
 * every object seen there), the items of arrays, a {@code format} when every string at a place is one
 * ({@code date-time}, {@code date}, {@code uuid}, {@code email}), and an {@code enum} for a string field with few
 * distinct values over enough events. Objects stay open (no {@code additionalProperties}): the schema describes
 * what was seen, it does not forbid what was not. The result is a draft to review before registering it.
 */
public final class SchemaDiscovery {

    public static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    /**
     * When a string field becomes an {@code enum}: it had at most {@code maxValues} distinct values over at least
     * {@code minSamples} occurrences (fewer samples say too little about the set of values).
     */
    public record EnumThreshold(int maxValues, int minSamples) {

        public static final EnumThreshold DEFAULT = new EnumThreshold(10, 20);

        public EnumThreshold {
            if (maxValues < 0 || minSamples < 1) {
                throw new IllegalArgumentException("enum threshold: maxValues >= 0 and minSamples >= 1, were "
                        + maxValues + " and " + minSamples);
            }
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    /** Checked in order: the first that every string at a place matches is its format. */
    private static final Map<String, Predicate<String>> FORMATS = new LinkedHashMap<>();

    static {
        FORMATS.put("date-time", text -> DATE_TIME.matcher(text).matches() && parses(() -> OffsetDateTime.parse(text)));
        FORMATS.put("date", text -> DATE.matcher(text).matches() && parses(() -> LocalDate.parse(text)));
        FORMATS.put("uuid", text -> UUID.matcher(text).matches());
        FORMATS.put("email", text -> EMAIL.matcher(text).matches());
    }

    private SchemaDiscovery() {
    }

    /** The schema of {@code data} with the {@link EnumThreshold#DEFAULT default enum threshold}. */
    public static ObjectNode infer(Iterable<JsonNode> data) {
        return infer(data, EnumThreshold.DEFAULT);
    }

    /**
     * The schema that describes every one of {@code data}.
     *
     * @throws IllegalArgumentException when {@code data} is empty: nothing to infer from
     */
    public static ObjectNode infer(Iterable<JsonNode> data, EnumThreshold threshold) {
        Shape shape = new Shape();
        for (JsonNode value : data) {
            shape.add(value);
        }
        if (shape.count == 0) {
            throw new IllegalArgumentException("no data to infer a schema from");
        }
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DRAFT_2020_12);
        schema.setAll(shape.schema(threshold));
        return schema;
    }

    /** What was seen at one place of the data, over all the values there. */
    private static final class Shape {

        int count;
        final Set<String> types = new TreeSet<>();
        // objects
        int objects;
        final Map<String, Shape> properties = new LinkedHashMap<>();
        // arrays
        Shape items;
        // strings: distinct values up to one past any threshold worth keeping, and the formats all of them match
        int strings;
        final Set<String> values = new LinkedHashSet<>();
        boolean tooManyValues;
        Set<String> formats;

        void add(JsonNode value) {
            count++;
            switch (value.getNodeType()) {
                case OBJECT -> {
                    types.add("object");
                    objects++;
                    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        properties.computeIfAbsent(field.getKey(), name -> new Shape()).add(field.getValue());
                    }
                }
                case ARRAY -> {
                    types.add("array");
                    for (JsonNode element : value) {
                        if (items == null) {
                            items = new Shape();
                        }
                        items.add(element);
                    }
                }
                case STRING -> {
                    types.add("string");
                    strings++;
                    String text = value.textValue();
                    if (!tooManyValues && values.add(text) && values.size() > 64) {
                        tooManyValues = true;
                        values.clear();
                    }
                    if (formats == null) {
                        formats = new LinkedHashSet<>(FORMATS.keySet());
                    }
                    formats.removeIf(format -> !FORMATS.get(format).test(text));
                }
                case NUMBER -> types.add(isWhole(value) ? "integer" : "number");
                case BOOLEAN -> types.add("boolean");
                case NULL -> types.add("null");
                default -> types.add("string");
            }
        }

        ObjectNode schema(EnumThreshold threshold) {
            ObjectNode schema = NODES.objectNode();
            Set<String> typeNames = new TreeSet<>(types);
            if (typeNames.contains("number")) {
                typeNames.remove("integer");
            }
            if (typeNames.size() == 1) {
                schema.put("type", typeNames.iterator().next());
            } else if (!typeNames.isEmpty()) {
                ArrayNode array = schema.putArray("type");
                typeNames.forEach(array::add);
            }
            if (formats != null && !formats.isEmpty()) {
                schema.put("format", formats.iterator().next());
            } else if (typeNames.equals(Set.of("string")) && !tooManyValues && values.size() <= threshold.maxValues()
                    && strings >= threshold.minSamples()) {
                ArrayNode array = schema.putArray("enum");
                values.forEach(array::add);
            }
            if (!properties.isEmpty()) {
                ObjectNode props = schema.putObject("properties");
                List<String> required = new java.util.ArrayList<>();
                properties.forEach((name, shape) -> {
                    props.set(name, shape.schema(threshold));
                    if (shape.count == objects) {
                        required.add(name);
                    }
                });
                if (!required.isEmpty()) {
                    ArrayNode array = schema.putArray("required");
                    required.forEach(array::add);
                }
            }
            if (items != null) {
                schema.set("items", items.schema(threshold));
            }
            return schema;
        }
    }

    private static boolean isWhole(JsonNode number) {
        if (number.isIntegralNumber()) {
            return true;
        }
        try {
            return number.decimalValue().stripTrailingZeros().scale() <= 0;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
