package io.edarouter.event;

import java.io.InputStream;
import java.io.OutputStream;

import io.edarouter.config.EdaProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.MDC;

/**
 * The {@code eda-event} data format. {@code unmarshal} decodes and validates bytes into an {@link Event}
 * (envelope, CloudEvents structured mode, or binary mode from {@code ce_*} headers); an invalid input
 * throws {@link InvalidEventException} and leaves the body as it was. {@code marshal} writes the
 * envelope's JSON, or with {@code format=cloudevents} a structured CloudEvent. The input limits are the
 * {@code eda.event.*} keys of {@link EventLimits}.
 *
 * <pre>
 * - unmarshal:
 *     custom:
 *       ref: eda-event
 * </pre>
 */
public class EventDataFormat extends ServiceSupport implements DataFormat, DataFormatName, CamelContextAware {

    public static final String NAME = "eda-event";
    /** MDC keys set once an event is decoded. */
    public static final String MDC_EVENT_ID = "eda.eventId";
    public static final String MDC_CORRELATION_ID = "eda.correlationId";

    private CamelContext camelContext;
    private String format = "envelope";
    private EventCodec codec;

    @Override
    public String getDataFormatName() {
        return NAME;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        Event event = graph instanceof Event e ? e : exchange.getContext().getTypeConverter().mandatoryConvertTo(Event.class, exchange, graph);
        if ("cloudevents".equals(format)) {
            codec.mapper().writeValue(stream, CloudEvents.toStructured(event));
        } else {
            stream.write(event.bytes());
        }
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        Message in = exchange.getMessage();
        clearMdc();
        byte[] bytes = in.getBody(byte[].class);
        if (bytes == null) {
            bytes = stream.readNBytes(codec.limits().maxBytes() + 1);
        }
        Event event = decode(exchange, bytes);
        // every later log line of this exchange names the event (camel.main.mdc-logging-keys-pattern carries it)
        MDC.put(MDC_EVENT_ID, event.eventId());
        MDC.put(MDC_CORRELATION_ID, event.correlationId() != null ? event.correlationId() : event.eventId());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                clearMdc();
            }
        });
        return event;
    }

    /**
     * Decodes the bytes of the exchange's message (its headers tell a binary-mode CloudEvent), as {@link #unmarshal}
     * does, without naming the event in the MDC: what a batch of records decodes each record with, where a log line
     * names no single event.
     */
    public Event decode(Exchange exchange, byte[] bytes) {
        return codec.decode(bytes, CloudEvents.binaryHeaders(exchange.getMessage()));
    }

    /**
     * Removes the event's MDC keys: Camel's MDC unit of work leaves keys it did not set, and a batch of events
     * has no single id, so no line may name another event.
     */
    public static void clearMdc() {
        MDC.remove(MDC_EVENT_ID);
        MDC.remove(MDC_CORRELATION_ID);
    }

    public String getFormat() {
        return format;
    }

    /** Output form of {@code marshal}: {@code envelope} (default) or {@code cloudevents}. */
    public void setFormat(String format) {
        if (!"envelope".equals(format) && !"cloudevents".equals(format)) {
            throw new IllegalArgumentException("eda-event format must be 'envelope' or 'cloudevents', was '" + format + "'");
        }
        this.format = format;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() {
        codec = new EventCodec(camelContext == null ? EventLimits.DEFAULT : EventLimits.from(EdaProperties.of(camelContext)));
    }
}
