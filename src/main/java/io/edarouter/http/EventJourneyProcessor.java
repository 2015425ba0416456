package io.edarouter.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.EventCodec;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.DispatchRecord;
import io.edarouter.store.EventJournal;
import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.SubscriptionCheckpoint;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;

/**
 * {@code GET /events/{eventId}}: the stored event, as one item of {@code GET /streams/{stream}}; and
 * {@code GET /events/{eventId}/journey}: where the event came from, where it was stored, where dispatch sent its copies
 * (as recorded at dispatch, {@code eda.journey.enabled}), what each store-driven subscription did with it and its dead
 * letters (docs/http-api.md). An id the store, the dispatch record and the dead letters do not know is 404.
 */
final class EventJourneyProcessor {

    /** The outcome of the entry of a dispatch that matched no subscriber. */
    static final String NO_SUBSCRIBER = "no-subscriber";

    private final ObjectMapper mapper = new EventCodec().mapper();
    private final EventStoreComponent component;

    EventJourneyProcessor(EventStoreComponent component) {
        this.component = component;
    }

    void event(Exchange exchange) {
        QueryParameters.of(exchange, List.of());
        String eventId = exchange.getMessage().getHeader("eventId", String.class);
        RecordedEvent recorded = journal().event(eventId).orElseThrow(() -> notFound(eventId));
        JsonResponse.send(exchange, 200, exchange.getContext().getTypeConverter().convertTo(byte[].class, exchange, recorded));
    }

    void journey(Exchange exchange) throws Exception {
        QueryParameters.of(exchange, List.of());
        String eventId = exchange.getMessage().getHeader("eventId", String.class);
        EventStore store = component.getEventStore();
        EventJournal journal = journal();
        Optional<RecordedEvent> stored = journal.event(eventId);
        List<DispatchRecord> dispatches = stored.map(recorded -> journal.dispatches(recorded.globalPosition())).orElse(List.of());
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (long id : journal.deadLetterIds(eventId)) {
            store.deadLetters().find(id).ifPresent(deadLetters::add);
        }
        if (stored.isEmpty() && dispatches.isEmpty() && deadLetters.isEmpty()) {
            throw notFound(eventId);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", eventId);
        answer.put("received", stored.map(EventJourneyProcessor::received).orElse(null));
        answer.put("stored", stored.map(EventJourneyProcessor::stored).orElse(null));
        answer.put("dispatch", dispatch(dispatches));
        answer.put("subscriptions", stored.map(recorded -> subscriptions(store, recorded, deadLetters)).orElse(List.of()));
        answer.put("deadLetters", deadLetters.stream().map(DeadLettersProcessor::toJson).toList());
        JsonResponse.send(exchange, 200, mapper.writeValueAsBytes(answer));
    }

    private EventJournal journal() {
        if (component.getEventStore() instanceof JdbcEventStore jdbc) {
            return jdbc.journal();
        }
        throw new HttpError(501, "not-implemented", "the event store is not a JDBC one: it keeps no journey");
    }

    private static HttpError notFound(String eventId) {
        return new HttpError(404, HttpError.NOT_FOUND, "no event '" + eventId + "' is stored, dispatched or dead-lettered");
    }

    /** The arrival the pipeline noted in the event's metadata (enrich/MetadataEnricher). */
    private static Map<String, Object> received(RecordedEvent recorded) {
        Map<String, Object> received = new LinkedHashMap<>();
        JsonNode metadata = recorded.event().metadata();
        JsonNode broker = metadata == null ? null : metadata.get("broker");
        if (broker != null && broker.isObject()) {
            broker.fields().forEachRemaining(field -> received.put(field.getKey(), field.getValue()));
        }
        received.put("receivedAt", recorded.event().metadataText("receivedAt"));
        return received;
    }

    private static Map<String, Object> stored(RecordedEvent recorded) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("stream", recorded.stream());
        stored.put("version", recorded.streamVersion());
        stored.put("globalPosition", recorded.globalPosition());
        stored.put("eventType", recorded.event().eventType());
        stored.put("recordedAt", recorded.recordedAt().toString());
        return stored;
    }

    /**
     * An entry per copy, by dispatch time then subscriber; one without subscriber for a dispatch that matched none
     * ({@code dispatches} of one event: each has only its copies).
     */
    private static List<Map<String, Object>> dispatch(List<DispatchRecord> dispatches) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DispatchRecord record : dispatches) {
            String at = record.dispatchedAt().toString();
            if (record.copies().isEmpty()) {
                entries.add(dispatch(null, null, at, NO_SUBSCRIBER));
            }
            record.copies().stream().sorted(Comparator.comparing(DispatchRecord.Copy::subscriber))
                    .forEach(copy -> entries.add(dispatch(copy.subscriber(), copy.target(), at, copy.outcome())));
        }
        return entries;
    }

    private static Map<String, Object> dispatch(String subscriber, String target, String at, String outcome) {
        Map<String, Object> dispatch = new LinkedHashMap<>();
        dispatch.put("subscriber", subscriber);
        dispatch.put("target", target);
        dispatch.put("dispatchedAt", at);
        dispatch.put("outcome", outcome);
        return dispatch;
    }

    /** Each store-driven subscription: whether it selects the event, has delivered it (checkpoint past it), its dead letters. */
    private List<Map<String, Object>> subscriptions(EventStore store, RecordedEvent recorded, List<DeadLetter> deadLetters) {
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (SubscriptionCheckpoint checkpoint : store.subscriptions()) {
            SubscriptionFilter filter = SubscriptionsProcessor.filterOf(component, checkpoint);
            boolean selected = filter.matches(recorded);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", checkpoint.name());
            entry.put("stream", filter.toString());
            entry.put("selected", selected);
            entry.put("delivered", selected && checkpoint.position() > recorded.globalPosition());
            entry.put("checkpoint", checkpoint.position());
            entry.put("deadLetters", deadLetters.stream()
                    .filter(d -> checkpoint.name().equals(d.subscription())).map(DeadLetter::id).toList());
            subscriptions.add(entry);
        }
        return subscriptions;
    }
}
