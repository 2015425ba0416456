package io.edarouter.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.edarouter.config.EdaProperties;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.EventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.store.camel.EventStoreConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back: an ingest dead letter is published again, with its original bytes and headers, to the
 * input ({@code eda.ingest.uri}), so it runs through the whole pipeline (the store's idempotent append keeps an
 * event that was stored meanwhile from being stored twice); a subscriber dead letter is the stored event delivered
 * again to that subscription's consumer in this router, under its delivery policy. Each one sent is marked
 * redriven; if it fails again it is dead-lettered again, as a new entry.
 */
public final class DeadLetterRedrive {

    /** What happened to one dead letter. */
    public record Outcome(long id, boolean redriven, String reason) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);
    private static final String KAFKA_KEY = "kafka.KEY";
    private static final String PULSAR_KEY_IN = "key";
    private static final String PULSAR_KEY_OUT = "CamelPulsarProducerMessageKey";

    private final CamelContext context;
    private final ProducerTemplate producer;

    public DeadLetterRedrive(CamelContext context) {
        this.context = context;
        this.producer = context.createProducerTemplate();
    }

    public List<Outcome> redrive(List<Long> ids) {
        EventStore store = store();
        List<Outcome> outcomes = new ArrayList<>(ids.size());
        for (long id : ids) {
            Optional<DeadLetter> found = store.deadLetters().find(id);
            if (found.isEmpty()) {
                outcomes.add(new Outcome(id, false, "no such dead letter"));
                continue;
            }
            DeadLetter deadLetter = found.get();
            try {
                String skipped = deadLetter.kind() == DeadLetter.Kind.INGEST ? republish(deadLetter)
                        : redeliver(store, deadLetter);
                if (skipped == null) {
                    store.deadLetters().markRedriven(id);
                }
                outcomes.add(new Outcome(id, skipped == null, skipped));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(new Outcome(id, false, "interrupted"));
                break;
            } catch (Exception e) {
                LOG.warn("Redrive of dead letter {} failed: {}", id, e.toString());
                outcomes.add(new Outcome(id, false, e.toString()));
            }
        }
        return outcomes;
    }

    private String republish(DeadLetter deadLetter) throws Exception {
        if (deadLetter.payload() == null) {
            return "no original bytes recorded";
        }
        String uri = EdaProperties.of(context).ingestUri();
        Map<String, String> headers = deadLetter.headers();
        Exchange sent = producer.send(uri, out -> {
            out.getMessage().setBody(deadLetter.payload());
            headers.forEach((name, value) -> {
                if (!name.startsWith("eda-") && !name.startsWith("kafka.")) {
                    out.getMessage().setHeader(name, value);
                }
            });
            String key = headers.getOrDefault(KAFKA_KEY, headers.get(PULSAR_KEY_IN));
            if (key != null) {
                out.getMessage().setHeader(KAFKA_KEY, key);
                out.getMessage().setHeader(PULSAR_KEY_OUT, key);
            }
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
        return null;
    }

    private String redeliver(EventStore store, DeadLetter deadLetter) throws InterruptedException {
        Optional<EventStoreConsumer> consumer = component().subscriber(deadLetter.subscription());
        if (consumer.isEmpty()) {
            return "subscription '" + deadLetter.subscription() + "' has no consumer running in this router";
        }
        List<RecordedEvent> events = store.readAll(deadLetter.globalPosition(), 1);
        if (events.isEmpty() || events.get(0).globalPosition() != deadLetter.globalPosition()) {
            return "no stored event at position " + deadLetter.globalPosition();
        }
        consumer.get().resend(events.get(0));
        return null;
    }

    private EventStoreComponent component() {
        return context.getComponent("eventstore", EventStoreComponent.class);
    }

    private EventStore store() {
        return component().getEventStore();
    }
}
