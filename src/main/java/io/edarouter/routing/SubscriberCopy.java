package io.edarouter.routing;

import java.nio.charset.StandardCharsets;

import io.edarouter.event.CloudEvents;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import io.edarouter.event.TraceContext;
import io.edarouter.store.camel.EventStoreConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.ExchangeHelper;

/**
 * The copy of an event one subscriber is sent: the event's message (body and headers, without what matched), keyed by
 * its stream when the endpoint names a key header, the subscriber's name as an exchange property and its fixed
 * headers, the event's trace context, and the form the subscriber asked for: the envelope as it is, or a CloudEvent
 * in structured or binary mode.
 */
final class SubscriberCopy {

    private static final EventCodec CODEC = new EventCodec();

    private SubscriberCopy() {
    }

    /**
     * @param exchange  the exchange being dispatched
     * @param event     the event's message: the exchange's own, or one message of its batch
     * @param keyHeader the header that takes the event's stream, or null
     */
    static Exchange of(Exchange exchange, Message event, Subscriber subscriber, String keyHeader) {
        Object body = event.getBody();
        Exchange copy = ExchangeHelper.createCorrelatedCopy(exchange, false);
        Message message = copy.getMessage();
        if (event != exchange.getMessage()) {
            message.setBody(body);
            message.getHeaders().putAll(event.getHeaders());
        }
        // what matched is the caller's answer, not something for the subscriber
        message.removeHeader(DispatchConstants.MATCHED);
        Object stream = event.getHeader(EventStoreConstants.STREAM);
        if (keyHeader != null && stream != null) {
            message.setHeader(keyHeader, stream);
        }
        copy.setProperty(DispatchConstants.SUBSCRIBER, subscriber.name());
        subscriber.headers().forEach(message::setHeader);
        if (body instanceof Event e) {
            TraceContext.propagate(e, message);
        }
        switch (subscriber.format()) {
            case CLOUDEVENTS -> CloudEvents.writeStructured(event(body), message);
            case CLOUDEVENTS_BINARY -> CloudEvents.writeBinary(event(body), message);
            default -> {
                // envelope: the event's own bytes, through its type converter
            }
        }
        return copy;
    }

    private static Event event(Object body) {
        if (body instanceof Event event) {
            return event;
        }
        if (body instanceof String text) {
            return CODEC.decode(text.getBytes(StandardCharsets.UTF_8));
        }
        if (body instanceof byte[] bytes) {
            return CODEC.decode(bytes);
        }
        throw new IllegalArgumentException("a CloudEvents format needs an event body, got "
                + (body == null ? "null" : body.getClass().getName()));
    }
}
