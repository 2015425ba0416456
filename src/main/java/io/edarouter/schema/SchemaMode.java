package io.edarouter.schema;

import java.util.Locale;

/** What ingest checks against the registry, globally or for one event type ({@code eda.schemas.mode}). */
public enum SchemaMode {
    /** Nothing is checked. */
    OFF,
    /** An event whose type has a schema must match it; other types pass. */
    VALIDATE_KNOWN,
    /** As {@link #VALIDATE_KNOWN}, and an event whose type has no schema is refused. */
    REGISTERED_ONLY;

    /** The mode written {@code off}, {@code validate-known} or {@code registered-only}; else an error naming them. */
    public static SchemaMode parse(String key, String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(key + " is off, validate-known or registered-only, was '" + text + "'");
        }
    }

    /** As written in the configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
