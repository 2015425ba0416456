package io.edarouter.event;

import io.edarouter.config.EdaProperties;

/**
 * Bounds an input must stay within before it is decoded, so a hostile or broken producer cannot
 * exhaust the router's memory. Each bound is the {@code eda.event.*} key of its name.
 *
 * @param maxBytes       largest accepted encoded event ({@value EdaProperties#EVENT_MAX_BYTES})
 * @param maxDepth       deepest accepted JSON nesting ({@value EdaProperties#EVENT_MAX_DEPTH})
 * @param maxStringChars longest accepted JSON string ({@value EdaProperties#EVENT_MAX_STRING_CHARS})
 * @param maxFields      most values an event may hold: fields of objects and items of arrays, at every
 *                       level ({@value EdaProperties#EVENT_MAX_FIELDS})
 */
public record EventLimits(int maxBytes, int maxDepth, int maxStringChars, int maxFields) {

    /** The limits the configuration has by default. */
    public static final EventLimits DEFAULT = from(EdaProperties.defaults());

    public EventLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxStringChars <= 0 || maxFields <= 0) {
            throw new IllegalArgumentException("event limits must be positive: " + EdaProperties.EVENT_MAX_BYTES + "="
                    + maxBytes + ", " + EdaProperties.EVENT_MAX_DEPTH + "=" + maxDepth + ", "
                    + EdaProperties.EVENT_MAX_STRING_CHARS + "=" + maxStringChars + ", " + EdaProperties.EVENT_MAX_FIELDS
                    + "=" + maxFields);
        }
    }

    /** The limits the configuration sets. */
    public static EventLimits from(EdaProperties properties) {
        return new EventLimits(properties.eventMaxBytes(), properties.eventMaxDepth(), properties.eventMaxStringChars(),
                properties.eventMaxFields());
    }
}
