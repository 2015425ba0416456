package io.edarouter.routing;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields of an event that a set of event patterns can look at, as a tree of names: matching depends on no other
 * field (EventBridge patterns name every field they test; {@code $or} branches are merged in), so the tree an event
 * is matched as needs only these. A field whose pattern is a list of conditions is kept whole.
 */
final class PatternFields {

    /** Keeps a value whole. */
    static final PatternFields ALL = new PatternFields(null);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Referenced names and what is referenced below each; null: everything. */
    private final Map<String, PatternFields> children;

    private PatternFields(Map<String, PatternFields> children) {
        this.children = children;
    }

    /** The fields the patterns (JSON text) look at; everything when one cannot be read. */
    static PatternFields of(Collection<String> patterns) {
        PatternFields fields = new PatternFields(new HashMap<>());
        for (String pattern : patterns) {
            try {
                JsonNode node = JSON.readTree(pattern);
                if (!node.isObject()) {
                    return ALL;
                }
                fields.add(node);
            } catch (IOException | RuntimeException e) {
                return ALL;
            }
        }
        return fields;
    }

    private void add(JsonNode pattern) {
        Iterator<Map.Entry<String, JsonNode>> entries = pattern.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            if ("$or".equals(entry.getKey()) && value.isArray()) {
                value.forEach(branch -> {
                    if (branch.isObject()) {
                        add(branch);
                    } else {
                        children.put(entry.getKey(), ALL);
                    }
                });
            } else if (value.isObject()) {
                PatternFields child = children.computeIfAbsent(entry.getKey(), name -> new PatternFields(new HashMap<>()));
                if (child != ALL) {
                    child.add(value);
                }
            } else {
                children.put(entry.getKey(), ALL);
            }
        }
    }

    boolean isAll() {
        return children == null;
    }

    /** What is looked at below {@code name}: {@link #ALL}, a narrower selection, or null when nothing is. */
    PatternFields child(String name) {
        return children == null ? ALL : children.get(name);
    }

    /** The names looked at directly below; only for a selection that is not {@link #ALL}. */
    Iterable<String> names() {
        return children.keySet();
    }
}
