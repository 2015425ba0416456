package io.edarouter.store;

import java.util.Locale;

/**
 * What an append expects of the stream's current version: {@code any}, {@code no_stream},
 * {@code stream_exists}, or an exact version (the version of the stream's last event).
 */
public record ExpectedVersion(Mode mode, long version) {

    public enum Mode { ANY, NO_STREAM, STREAM_EXISTS, EXACT }

    private static final ExpectedVersion ANY = new ExpectedVersion(Mode.ANY, -1);
    private static final ExpectedVersion NO_STREAM = new ExpectedVersion(Mode.NO_STREAM, -1);
    private static final ExpectedVersion STREAM_EXISTS = new ExpectedVersion(Mode.STREAM_EXISTS, -1);

    public ExpectedVersion {
        if (mode == Mode.EXACT && version < 0) {
            throw new IllegalArgumentException("an exact expected version is >= 0, was " + version + " (use no_stream)");
        }
    }

    public static ExpectedVersion any() {
        return ANY;
    }

    public static ExpectedVersion noStream() {
        return NO_STREAM;
    }

    public static ExpectedVersion streamExists() {
        return STREAM_EXISTS;
    }

    public static ExpectedVersion exact(long version) {
        return new ExpectedVersion(Mode.EXACT, version);
    }

    /** Parses {@code any}, {@code no_stream}, {@code stream_exists} or a version number. */
    public static ExpectedVersion parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "any":
                return ANY;
            case "no_stream":
                return NO_STREAM;
            case "stream_exists":
                return STREAM_EXISTS;
            default:
                try {
                    return exact(Long.parseLong(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected version must be any, no_stream, stream_exists"
                            + " or a version >= 0, was '" + text + "'");
                }
        }
    }

    /** Whether a stream at {@code actual} (-1: no stream) satisfies this expectation. */
    public boolean matches(long actual) {
        return switch (mode) {
            case ANY -> true;
            case NO_STREAM -> actual < 0;
            case STREAM_EXISTS -> actual >= 0;
            case EXACT -> actual == version;
        };
    }

    @Override
    public String toString() {
        return mode == Mode.EXACT ? Long.toString(version) : mode.name().toLowerCase(Locale.ROOT);
    }
}
