package io.edarouter.schema;

import java.util.List;

import io.edarouter.event.Event;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The {@code schema} validation step of a user's route: checks the body (an event, anything that converts to one
 * such as its JSON bytes, or a list of events) against the registry in the type's mode ({@code eda.schemas.mode}),
 * as ingest does. An invalid event fails the exchange with a {@link SchemaViolationException} (stage {@code schema},
 * the pointer and rule of the first failing field), which the route's error handling takes; the body is unchanged.
 *
 * <pre>
 * - process:
 *     ref: "#class:io.edarouter.schema.ValidateSchema"
 * </pre>
 */
public class ValidateSchema implements Processor {

    private volatile SchemaValidation validation;

    @Override
    public void process(Exchange exchange) throws Exception {
        SchemaValidation v = validation;
        if (v == null) {
            v = SchemaValidation.of(exchange.getContext());
            validation = v;
        }
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list) {
            for (Object item : list) {
                v.check(item instanceof Event event ? event
                        : exchange.getContext().getTypeConverter().mandatoryConvertTo(Event.class, exchange, item));
            }
        } else {
            v.check(body instanceof Event event ? event : exchange.getMessage().getMandatoryBody(Event.class));
        }
    }
}
