package io.edarouter.store.camel;

import io.edarouter.event.Event;
import io.edarouter.event.EventExpression;
import io.edarouter.event.InvalidEventException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * Tells the stream an event belongs to: its {@code subject}, else a Camel {@code simple} expression
 * evaluated with the event as body (e.g. {@code order-${body.data[orderId]}}). The store's producer
 * appends by it and the HTTP ingest keys broker records by it, so both agree on a stream.
 */
public final class StreamResolver {

    private final String expressionText;
    private final Expression expression;

    /** @param expressionText the expression, or null when only the subject names a stream */
    public StreamResolver(CamelContext context, String expressionText) {
        this.expressionText = expressionText;
        if (expressionText == null || expressionText.isBlank()) {
            this.expression = null;
        } else {
            this.expression = EventExpression.create(context, expressionText);
            this.expression.init(context);
        }
    }

    /**
     * The stream of {@code event}; {@code exchange} is the one it arrived on (the expression may read
     * its headers) and is not changed.
     *
     * @throws InvalidEventException at stage {@code store} when no stream can be told
     */
    public String streamOf(Exchange exchange, Event event) {
        if (event.subject() != null && !event.subject().isBlank()) {
            return event.subject();
        }
        if (expression == null) {
            throw new InvalidEventException(EventStoreConstants.STAGE_STORE, "event '" + event.eventId()
                    + "' has no subject and no streamExpression is configured: cannot tell its stream");
        }
        Exchange single = exchange.copy();
        single.getMessage().setBody(event);
        String stream = expression.evaluate(single, String.class);
        if (single.getException() != null) {
            throw new InvalidEventException(EventStoreConstants.STAGE_STORE, "streamExpression '" + expressionText
                    + "' failed on event '" + event.eventId() + "': " + single.getException().getMessage(),
                    single.getException());
        }
        if (stream == null || stream.isBlank()) {
            throw new InvalidEventException(EventStoreConstants.STAGE_STORE, "streamExpression '" + expressionText
                    + "' gave no stream for event '" + event.eventId() + "'");
        }
        return stream;
    }
}
