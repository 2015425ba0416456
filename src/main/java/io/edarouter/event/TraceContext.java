package io.edarouter.event;

import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.broker.BrokerHeaders;
import org.apache.camel.Message;

/**
 * W3C trace context: the {@code traceparent} and {@code tracestate} an event arrived with (kept in its
 * {@code metadata} by {@code eda-enrich:metadata}) travel on with every message dispatched for it, as Kafka
 * headers and as Pulsar properties.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private TraceContext() {
    }

    /** Puts the event's trace context on an outgoing message, unless the message already has one. */
    public static void propagate(Event event, Message out) {
        Map<String, String> trace = new LinkedHashMap<>();
        for (String name : new String[] {TRACEPARENT, TRACESTATE}) {
            String value = event.metadataText(name);
            if (value != null && out.getHeader(name) == null) {
                trace.put(name, value);
            }
        }
        if (!trace.isEmpty()) {
            BrokerHeaders.setOutgoing(out, trace);
        }
    }
}
