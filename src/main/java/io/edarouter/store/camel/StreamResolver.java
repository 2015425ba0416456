package io.edarouter.store.camel;

import java.util.ArrayList;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.event.EventExpression;
import io.edarouter.event.InvalidEventException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * Tells the stream an event belongs to, by one rule a user can check by hand: its {@code subject} if that is not
 * blank; else the stream expression, a Camel {@code simple} expression evaluated with the event as body (e.g.
 * {@code order-${body.data[orderId]}}), whose every {@code ${...}} part must give a value that is not blank. An
 * event for which one part gives nothing is refused (stage {@value #STAGE}), naming the expression and the part:
 * storing it in a stream named after what is left ({@code order-}) would put every such event in one stream.
 * The store's producer appends by it and the HTTP ingest keys broker records by it, so both agree on a stream.
 */
public final class StreamResolver {

    /** The stage an event whose stream cannot be told is refused at, as in the {@code eda-error-stage} header. */
    public static final String STAGE = "stream";

    private static final String DEFAULT_OPTION = "streamExpression";

    private final String option;
    private final String expressionText;
    /** Literal text (String) and {@link Part}s, in order; null when only the subject names a stream. */
    private final List<Object> parts;

    /** One {@code ${...}} of the expression: its text as written, for the reason, and the expression itself. */
    private record Part(String text, Expression expression) {
    }

    /** @param expressionText the expression, or null when only the subject names a stream */
    public StreamResolver(CamelContext context, String expressionText) {
        this(context, expressionText, DEFAULT_OPTION);
    }

    /**
     * @param expressionText the expression, or null when only the subject names a stream
     * @param option         where the user set the expression, named in the reasons (e.g. a configuration key)
     */
    public StreamResolver(CamelContext context, String expressionText, String option) {
        this.option = option;
        this.expressionText = expressionText;
        this.parts = expressionText == null || expressionText.isBlank() ? null : parse(context, expressionText);
    }

    /**
     * The stream of {@code event}; {@code exchange} is the one it arrived on (the expression may read
     * its headers) and is not changed.
     *
     * @throws InvalidEventException at stage {@value #STAGE} when no stream can be told
     */
    public String streamOf(Exchange exchange, Event event) {
        if (event.subject() != null && !event.subject().isBlank()) {
            return event.subject();
        }
        if (parts == null) {
            throw refused(event, "has no subject and no " + option + " is configured");
        }
        Exchange single = exchange.copy();
        single.getMessage().setBody(event);
        StringBuilder stream = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Part p) {
                String value;
                try {
                    value = p.expression().evaluate(single, String.class);
                } catch (RuntimeException e) {
                    throw failed(event, p, e);
                }
                if (single.getException() != null) {
                    throw failed(event, p, single.getException());
                }
                if (value == null || value.isBlank()) {
                    throw refused(event, "has no subject, and " + p.text() + " of " + option + " '" + expressionText
                            + "' gave " + (value == null ? "no value" : "a blank value"));
                }
                stream.append(value);
            } else {
                stream.append(part);
            }
        }
        if (stream.isEmpty() || stream.toString().isBlank()) {
            throw refused(event, "has no subject, and " + option + " '" + expressionText + "' gave a blank name");
        }
        return stream.toString();
    }

    /** Refused, not failed: a batch that fails is read again, and would fail again on this event. */
    private InvalidEventException failed(Event event, Part part, Exception e) {
        return new InvalidEventException(STAGE, "event '" + event.eventId() + "': " + option + " '" + expressionText
                + "' failed at " + part.text() + ": " + e.getMessage(), e);
    }

    private static InvalidEventException refused(Event event, String why) {
        return new InvalidEventException(STAGE, "event '" + event.eventId() + "' " + why + ": cannot tell its stream");
    }

    /** The expression's literal text and its {@code ${...}} (or {@code $simple{...}}) parts, nested braces included. */
    private static List<Object> parse(CamelContext context, String text) {
        List<Object> parts = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < text.length()) {
            int open = placeholderOpen(text, i);
            if (open < 0) {
                i++;
                continue;
            }
            int close = matchingBrace(text, open);
            if (close < 0) {
                throw new IllegalArgumentException("stream expression '" + text + "': no closing } for the ${ at "
                        + i);
            }
            if (i > literalStart) {
                parts.add(text.substring(literalStart, i));
            }
            String placeholder = text.substring(i, close + 1);
            Expression expression = EventExpression.create(context, placeholder);
            expression.init(context);
            parts.add(new Part(placeholder, expression));
            i = close + 1;
            literalStart = i;
        }
        if (literalStart < text.length()) {
            parts.add(text.substring(literalStart));
        }
        return parts;
    }

    /** The index of the opening brace when a placeholder starts at {@code at}, else -1. */
    private static int placeholderOpen(String text, int at) {
        if (text.startsWith("${", at)) {
            return at + 1;
        }
        if (text.startsWith("$simple{", at)) {
            return at + "$simple".length();
        }
        return -1;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
