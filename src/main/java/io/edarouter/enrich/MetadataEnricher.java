package io.edarouter.enrich;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.broker.BrokerHeaders;
import io.edarouter.broker.RecordSource;
import io.edarouter.event.Event;
import io.edarouter.event.TraceContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Adds what the router knows about an event's arrival: {@code metadata.receivedAt} (now),
 * {@code metadata.broker} (Kafka topic, partition, offset, or Pulsar topic and message id), the W3C
 * trace context ({@code metadata.traceparent}, {@code metadata.tracestate}) from the message's headers or
 * Pulsar properties, and {@code correlationId}: kept if present, else the eventId. Fields already in the
 * event's metadata are kept, except {@code receivedAt} and {@code broker}, which describe this arrival.
 */
final class MetadataEnricher implements Enricher {

    static final String RECEIVED_AT = "receivedAt";
    static final String BROKER = "broker";
    static final String TRACEPARENT = TraceContext.TRACEPARENT;
    static final String TRACESTATE = TraceContext.TRACESTATE;

    private final Clock clock;

    MetadataEnricher(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Event enrich(Event event, Exchange exchange) {
        Message message = exchange.getMessage();
        Event.Edit edit = event.edit();
        ObjectNode metadata = edit.object(Event.METADATA);
        metadata.put(RECEIVED_AT, clock.instant().toString());
        ObjectNode broker = broker(message);
        if (!broker.isEmpty()) {
            metadata.set(BROKER, broker);
        }
        for (String name : new String[] {TRACEPARENT, TRACESTATE}) {
            String value = BrokerHeaders.text(message, name);
            if (value != null && !metadata.has(name)) {
                metadata.put(name, value);
            }
        }
        if (event.correlationId() == null) {
            edit.set(Event.CORRELATION_ID, event.eventId());
        }
        return edit.done();
    }

    private static ObjectNode broker(Message message) {
        ObjectNode broker = JsonNodeFactory.instance.objectNode();
        RecordSource.of(message).ifPresent(source -> {
            broker.put("system", source.system());
            broker.put("topic", source.topic());
            if (source.isKafka()) {
                broker.put("partition", source.partition());
                broker.put("offset", source.offset());
            } else {
                broker.put("messageId", source.messageId());
            }
        });
        return broker;
    }
}
