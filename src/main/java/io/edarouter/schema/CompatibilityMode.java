package io.edarouter.schema;

import java.util.Locale;

/**
 * How a new version of an event type's schema must relate to the previous one, as schema registries (Confluent,
 * Apicurio) define the modes.
 */
public enum CompatibilityMode {
    /** Consumers using the new schema can read the data written with the previous one. */
    BACKWARD,
    /** Consumers using the previous schema can read the data written with the new one. */
    FORWARD,
    /** Both {@link #BACKWARD} and {@link #FORWARD}. */
    FULL,
    /** Nothing is checked. */
    NONE;

    /** The mode named {@code text}, in any case; else an error naming the modes. */
    public static CompatibilityMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("compatibility mode is BACKWARD, FORWARD, FULL or NONE, was '" + text + "'");
        }
    }
}
