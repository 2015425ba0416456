package io.edarouter.store.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.edarouter.store.DeadLetter;
import io.edarouter.store.EventStore;
import io.edarouter.store.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back: a subscriber dead letter is the stored event delivered again to that subscription's
 * consumer in this router, under its delivery policy; an ingest dead letter goes to the {@link Republisher} of the
 * pipeline, which knows the input and its broker. Each one sent is marked redriven; if it fails again it is
 * dead-lettered again, as a new entry.
 */
public final class DeadLetterRedrive {

    /** What happened to one dead letter. */
    public record Outcome(long id, boolean redriven, String reason) {
    }

    /**
     * Publishes an ingest dead letter again to the router's input, so it runs through the whole pipeline (the store's
     * idempotent append keeps an event stored meanwhile from being stored twice).
     */
    @FunctionalInterface
    public interface Republisher {

        /** Null once sent; otherwise why it was not. */
        String republish(DeadLetter deadLetter) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final EventStoreComponent component;
    private final Republisher ingest;

    public DeadLetterRedrive(EventStoreComponent component, Republisher ingest) {
        this.component = component;
        this.ingest = ingest;
    }

    public List<Outcome> redrive(List<Long> ids) {
        EventStore store = component.getEventStore();
        List<Outcome> outcomes = new ArrayList<>(ids.size());
        for (long id : ids) {
            Optional<DeadLetter> found = store.deadLetters().find(id);
            if (found.isEmpty()) {
                outcomes.add(new Outcome(id, false, "no such dead letter"));
                continue;
            }
            DeadLetter deadLetter = found.get();
            try {
                String skipped = deadLetter.kind() == DeadLetter.Kind.INGEST ? ingest.republish(deadLetter)
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

    private String redeliver(EventStore store, DeadLetter deadLetter) throws InterruptedException {
        Optional<EventStoreConsumer> consumer = component.subscriber(deadLetter.subscription());
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
}
