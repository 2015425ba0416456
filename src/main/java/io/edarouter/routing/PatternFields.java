package io.edarouter.routing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields an EventBridge pattern tests: each a path of names from the envelope down ({@code [data, amount]}),
 * through nested objects and the alternatives of {@code $or}. A pattern's leaves are its arrays of values or
 * matchers; the names leading to them are the fields it depends on.
 */
public final class PatternFields {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OR = "$or";

    private PatternFields() {
    }

    /** The paths of the fields {@code pattern} (its JSON) tests, in the order they appear; empty for {@code {}}. */
    public static List<List<String>> of(String pattern) {
        JsonNode root;
        try {
            root = JSON.readTree(pattern);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON pattern: " + e.getOriginalMessage(), e);
        }
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        return paths;
    }

    /**
     * The values a pattern requires of a top-level field when they are all plain strings ({@code eventType:
     * [OrderCreated]}); null when it does not test the field or tests it with a matcher ({@code prefix},
     * {@code anything-but}, ...) that could take other values.
     */
    public static List<String> exactValues(String pattern, String field) {
        try {
            JsonNode values = JSON.readTree(pattern).get(field);
            if (values == null || !values.isArray()) {
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode value : values) {
                if (!value.isTextual()) {
                    return null;
                }
                texts.add(value.textValue());
            }
            return texts;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON pattern: " + e.getOriginalMessage(), e);
        }
    }

    private static void collect(JsonNode node, List<String> prefix, List<List<String>> paths) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (OR.equals(field.getKey()) && field.getValue().isArray()) {
                field.getValue().forEach(alternative -> collect(alternative, prefix, paths));
                continue;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(field.getKey());
            if (field.getValue().isObject()) {
                collect(field.getValue(), path, paths);
            } else if (!paths.contains(path)) {
                paths.add(List.copyOf(path));
            }
        }
    }
}
