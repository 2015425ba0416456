package io.edarouter.store;

/**
 * Stream names and the names that select many streams. A stream name is 1 to 255 characters and does
 * not start with {@code $}, which marks the selectors: {@code $all}, {@code $ce-CATEGORY} (streams of a
 * category) and {@code $et-TYPE} (events of a type).
 */
public final class StreamNames {

    public static final String ALL = "$all";
    public static final String CATEGORY_PREFIX = "$ce-";
    public static final String EVENT_TYPE_PREFIX = "$et-";
    public static final int MAX_LENGTH = 255;

    private StreamNames() {
    }

    /** The category of a stream: its name before the first {@code -}, or the whole name without one. */
    public static String category(String stream) {
        int dash = stream.indexOf('-');
        return dash < 0 ? stream : stream.substring(0, dash);
    }

    /** Refuses a name that cannot be a stream's. */
    public static String checkStream(String stream) {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("a stream name must not be blank");
        }
        if (stream.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a stream name is at most " + MAX_LENGTH + " characters, was "
                    + stream.length());
        }
        if (stream.startsWith("$")) {
            throw new IllegalArgumentException("stream names starting with '$' are reserved, was '" + stream + "'");
        }
        return stream;
    }
}
