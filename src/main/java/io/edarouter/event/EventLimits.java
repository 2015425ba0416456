package io.edarouter.event;

/**
 * Bounds an input must stay within before it is decoded, so a hostile or broken producer cannot
 * exhaust the router's memory.
 *
 * @param maxBytes       largest accepted encoded event
 * @param maxDepth       deepest accepted JSON nesting
 * @param maxStringChars longest accepted JSON string
 */
public record EventLimits(int maxBytes, int maxDepth, int maxStringChars) {

    public static final EventLimits DEFAULT = new EventLimits(1024 * 1024, 32, 256 * 1024);

    public EventLimits {
        if (maxBytes <= 0 || maxDepth <= 0 || maxStringChars <= 0) {
            throw new IllegalArgumentException("event limits must be positive: " + maxBytes + ", " + maxDepth + ", " + maxStringChars);
        }
    }
}
