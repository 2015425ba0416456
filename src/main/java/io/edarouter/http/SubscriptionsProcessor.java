package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.edarouter.event.EventCodec;
import io.edarouter.store.EventStore;
import io.edarouter.store.SubscriptionCheckpoint;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.store.camel.EventStoreConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /subscriptions}: every subscription of the store, each
 * {@code {"name", "stream", "position", "head", "lag", "updatedAt", "consumerHere", "active", "inFlight"}}: what it
 * selects, the checkpoint (next global position to deliver), the store's head, the events it selects from its
 * checkpoint on ({@link EventStore#lag}: the same figure as the metric {@code eda_subscription_lag}), and, when its
 * consumer runs in this router, whether it is the active instance and how many events are on their way (retrying or
 * held back).
 */
final class SubscriptionsProcessor implements Processor {

    private final EventCodec codec = new EventCodec();
    private final EventStoreComponent component;

    SubscriptionsProcessor(EventStoreComponent component) {
        this.component = component;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        QueryParameters.of(exchange, List.of());
        EventStore store = component.getEventStore();
        long head = store.headPosition();
        List<Map<String, Object>> answer = new ArrayList<>();
        for (SubscriptionCheckpoint checkpoint : store.subscriptions()) {
            Optional<EventStoreConsumer> consumer = component.subscriber(checkpoint.name());
            SubscriptionFilter filter = filterOf(component, checkpoint);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", checkpoint.name());
            entry.put("stream", filter.toString());
            entry.put("position", checkpoint.position());
            entry.put("head", head);
            entry.put("lag", store.lag(filter, checkpoint.position()));
            entry.put("updatedAt", checkpoint.updatedAt().toString());
            entry.put("consumerHere", consumer.isPresent());
            consumer.ifPresent(c -> {
                entry.put("active", c.isActive());
                entry.put("inFlight", c.getInFlight());
            });
            answer.add(entry);
        }
        JsonResponse.send(exchange, 200, codec.mapper().writeValueAsBytes(answer));
    }

    /** What a subscription selects: as its active instance recorded it; a row no instance described yet, everything. */
    static SubscriptionFilter filterOf(EventStoreComponent component, SubscriptionCheckpoint checkpoint) {
        return checkpoint.filter() != null ? checkpoint.filter()
                : component.subscriber(checkpoint.name()).map(EventStoreConsumer::getFilter).orElse(SubscriptionFilter.all());
    }
}
