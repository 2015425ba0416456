package io.edarouter.routing;

import java.util.Map;

/**
 * One line of the subscribers file: who gets which events, where, and in which form.
 *
 * @param name    unique name; the rule name in the matching machine and in logs
 * @param pattern the EventBridge event pattern, as JSON
 * @param uri     the target endpoint URI (a {@code to:}, or the endpoint's topic prefix + {@code topic:})
 * @param format  {@code envelope} (the event's JSON as the pipeline holds it), {@code cloudevents} (a
 *                structured-mode CloudEvent) or {@code cloudevents-binary} (a binary-mode CloudEvent)
 * @param headers fixed headers set on each message sent to this subscriber
 * @param line    line of the file the subscriber starts on, for messages
 */
public record Subscriber(String name, String pattern, String uri, Format format, Map<String, String> headers, int line) {

    /** The form an event is delivered in. */
    public enum Format {
        ENVELOPE, CLOUDEVENTS, CLOUDEVENTS_BINARY;

        /** The name in the subscribers file: {@code envelope}, {@code cloudevents}, {@code cloudevents-binary}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Format parse(String text) {
            for (Format format : values()) {
                if (format.text().equalsIgnoreCase(text)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("format must be 'envelope', 'cloudevents' or 'cloudevents-binary', was '"
                    + text + "'");
        }
    }

    public Subscriber {
        headers = Map.copyOf(headers);
    }
}
