package io.edarouter.event;

import java.util.Optional;
import java.util.function.Function;

/**
 * Bounds an input must stay within before it is decoded, so a hostile or broken producer cannot
 * exhaust the router's memory. Each bound is configured by the key named in {@link #KEYS}' order.
 *
 * @param maxBytes       largest accepted encoded event ({@value #MAX_BYTES})
 * @param maxDepth       deepest accepted JSON nesting ({@value #MAX_DEPTH})
 * @param maxStringChars longest accepted JSON string ({@value #MAX_STRING_CHARS})
 * @param maxFields      most values an event may hold: fields of objects and items of arrays, at every
 *                       level ({@value #MAX_FIELDS})
 */
public record EventLimits(int maxBytes, int maxDepth, int maxStringChars, int maxFields) {

    public static final String MAX_BYTES = "eda.event.max-bytes";
    public static final String MAX_DEPTH = "eda.event.max-depth";
    public static final String MAX_STRING_CHARS = "eda.event.max-string-chars";
    public static final String MAX_FIELDS = "eda.event.max-fields";

    public static final EventLimits DEFAULT = new EventLimits(1024 * 1024, 32, 256 * 1024, 10_000);

    public EventLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxStringChars <= 0 || maxFields <= 0) {
            throw new IllegalArgumentException("event limits must be positive: " + MAX_BYTES + "=" + maxBytes + ", "
                    + MAX_DEPTH + "=" + maxDepth + ", " + MAX_STRING_CHARS + "=" + maxStringChars + ", "
                    + MAX_FIELDS + "=" + maxFields);
        }
    }

    /** The limits the configuration sets, the defaults for the keys it does not. */
    public static EventLimits from(Function<String, Optional<String>> property) {
        return new EventLimits(
                intOf(property, MAX_BYTES, DEFAULT.maxBytes),
                intOf(property, MAX_DEPTH, DEFAULT.maxDepth),
                intOf(property, MAX_STRING_CHARS, DEFAULT.maxStringChars),
                intOf(property, MAX_FIELDS, DEFAULT.maxFields));
    }

    private static int intOf(Function<String, Optional<String>> property, String key, int fallback) {
        String value = property.apply(key).orElse(null);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
