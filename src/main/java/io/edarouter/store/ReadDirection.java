package io.edarouter.store;

import java.util.Locale;

/** Which way a stream is read. */
public enum ReadDirection {
    FORWARD, BACKWARD;

    /** Parses {@code forward} or {@code backward}, in any case. */
    public static ReadDirection parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("direction must be forward or backward, was '" + text + "'");
        }
    }
}
