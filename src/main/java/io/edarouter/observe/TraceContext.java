package io.edarouter.observe;

import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.event.Event;
import org.apache.camel.Message;

/**
 * W3C trace context: the {@code traceparent} and {@code tracestate} an event arrived with (kept in its
 * {@code metadata} by {@code eda-enrich:metadata}) travel on with every message dispatched for it, as Kafka
 * headers and as Pulsar properties.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final String PULSAR_PROPERTIES_OUT = "CamelPulsarProducerMessageProperties";

    private TraceContext() {
    }

    /** Puts the event's trace context on an outgoing message, unless the message already has one. */
    @SuppressWarnings("unchecked")
    public static void propagate(Event event, Message out) {
        Map<String, String> trace = new LinkedHashMap<>();
        for (String name : new String[] {TRACEPARENT, TRACESTATE}) {
            if (event.metadata().get(name) instanceof String value && out.getHeader(name) == null) {
                trace.put(name, value);
            }
        }
        if (trace.isEmpty()) {
            return;
        }
        trace.forEach(out::setHeader);
        Map<String, String> properties = new LinkedHashMap<>();
        if (out.getHeader(PULSAR_PROPERTIES_OUT) instanceof Map<?, ?> existing) {
            properties.putAll((Map<String, String>) existing);
        }
        properties.putAll(trace);
        out.setHeader(PULSAR_PROPERTIES_OUT, properties);
    }
}
