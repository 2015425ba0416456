package io.edarouter.store;

import java.util.Objects;

/** Which events a subscription receives: all, one stream, one category or one event type. */
public record SubscriptionFilter(Kind kind, String value) {

    public enum Kind { ALL, STREAM, CATEGORY, EVENT_TYPE }

    public SubscriptionFilter {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.ALL && (value == null || value.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " subscription names what it selects");
        }
    }

    public static SubscriptionFilter all() {
        return new SubscriptionFilter(Kind.ALL, null);
    }

    /**
     * Parses the form used in URIs: {@code $all}, {@code $ce-CATEGORY}, {@code $et-TYPE}, or a stream name.
     */
    public static SubscriptionFilter parse(String selector) {
        if (StreamNames.ALL.equals(selector)) {
            return all();
        }
        if (selector.startsWith(StreamNames.CATEGORY_PREFIX)) {
            return new SubscriptionFilter(Kind.CATEGORY, selector.substring(StreamNames.CATEGORY_PREFIX.length()));
        }
        if (selector.startsWith(StreamNames.EVENT_TYPE_PREFIX)) {
            return new SubscriptionFilter(Kind.EVENT_TYPE, selector.substring(StreamNames.EVENT_TYPE_PREFIX.length()));
        }
        return new SubscriptionFilter(Kind.STREAM, StreamNames.checkStream(selector));
    }

    /** Whether a stored event is one this filter selects. */
    public boolean matches(RecordedEvent recorded) {
        return switch (kind) {
            case ALL -> true;
            case CATEGORY -> value.equals(StreamNames.category(recorded.stream()));
            case EVENT_TYPE -> value.equals(recorded.event().eventType());
            case STREAM -> value.equals(recorded.stream());
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALL -> StreamNames.ALL;
            case CATEGORY -> StreamNames.CATEGORY_PREFIX + value;
            case EVENT_TYPE -> StreamNames.EVENT_TYPE_PREFIX + value;
            case STREAM -> value;
        };
    }
}
