package io.edarouter.store.camel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.observe.EdaMeters;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.EventStore;
import io.edarouter.store.RecordedEvent;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Where a store-driven subscriber's events go once it gave up on them: to {@code deadLetterUri} (when set) as the
 * stored event's JSON, keyed by its stream, with headers that say why and where it is stored; into the store's
 * dead-letter log, for {@code GET /dlq} and redrive; and counted ({@code eda_events_dead_lettered_total{stage}}).
 */
final class SubscriberDeadLetters implements SubscriberDelivery.DeadLetterSink, AutoCloseable {

    static final String ATTEMPTS = "eda-attempts";
    static final String SUBSCRIPTION = "eda-subscription";
    static final String STREAM = "eda-stream";
    static final String STREAM_VERSION = "eda-stream-version";
    static final String GLOBAL_POSITION = "eda-global-position";
    static final String EVENT_ID = "eda-event-id";

    private final String subscription;
    private final String uri;
    private final ProducerTemplate producer;
    private final MessageKeys keys;
    private final EventStore store;
    private final Counter deadLettered;

    /** @param uri where dead letters are sent, or null to only record them */
    SubscriberDeadLetters(CamelContext context, String subscription, String uri, MessageKeys keys, EventStore store) {
        this.subscription = subscription;
        this.uri = uri;
        this.producer = uri == null ? null : context.createProducerTemplate();
        this.keys = keys;
        this.store = store;
        this.deadLettered = EdaMeters.registry(context).counter(EdaMeters.DEAD_LETTERED, "stage",
                DeadLetter.STAGE_DELIVER);
    }

    @Override
    public void deadLetter(RecordedEvent event, String reason, int attempts) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetter.REASON_HEADER, reason);
        headers.put(DeadLetter.STAGE_HEADER, DeadLetter.STAGE_DELIVER);
        headers.put(ATTEMPTS, String.valueOf(attempts));
        headers.put(SUBSCRIPTION, subscription);
        headers.put(STREAM, event.stream());
        headers.put(STREAM_VERSION, String.valueOf(event.streamVersion()));
        headers.put(GLOBAL_POSITION, String.valueOf(event.globalPosition()));
        headers.put(EVENT_ID, event.event().eventId());
        byte[] json = RecordedEventConverterLoader.toJson(event);
        if (producer != null) {
            Exchange sent = producer.send(uri, out -> {
                out.getMessage().setBody(json);
                headers.forEach(out.getMessage()::setHeader);
                keys.setKey(out.getMessage(), event.stream());
            });
            if (sent.getException() != null) {
                throw sent.getException();
            }
        }
        store.deadLetters().record(DeadLetter.subscriber(subscription, event, reason, attempts, json, headers));
        deadLettered.increment();
    }

    @Override
    public void close() throws Exception {
        if (producer != null) {
            producer.stop();
        }
    }
}
