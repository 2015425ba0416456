package io.edarouter.schema;

import java.io.ByteArrayInputStream;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.event.EventDataFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The {@code schema} validation step of a user's route: checks the body (an event, a list of events, or an event's
 * bytes, decoded by the {@code eda-event} data format) against the registry in the type's mode ({@code eda.schemas.mode}),
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
    private volatile DataFormat decoder;

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
                v.check((Event) item);
            }
        } else if (body instanceof Event event) {
            v.check(event);
        } else {
            // bytes: decoded and checked as ingest would, the body left as it is
            byte[] bytes = exchange.getMessage().getMandatoryBody(byte[].class);
            v.check((Event) decoder(exchange).unmarshal(exchange, new ByteArrayInputStream(bytes)));
        }
    }

    private DataFormat decoder(Exchange exchange) {
        DataFormat d = decoder;
        if (d == null) {
            d = exchange.getContext().resolveDataFormat(EventDataFormat.NAME);
            ServiceHelper.startService(d);
            decoder = d;
        }
        return d;
    }
}
