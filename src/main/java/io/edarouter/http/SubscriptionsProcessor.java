package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.edarouter.event.EventCodec;
import io.edarouter.store.EventStore;
import io.edarouter.store.SubscriptionCheckpoint;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.store.camel.EventStoreConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /subscriptions}: every subscription of the store, each
 * {@code {"name", "position", "head", "lag", "updatedAt", "consumerHere", "active", "inFlight"}}: the checkpoint
 * (next global position to deliver), the store's head, {@code head - position} (events of every stream, also
 * those a filtered subscription does not select), and, when its consumer runs in this router, whether it is the
 * active instance and how many events are on their way (retrying or held back).
 */
final class SubscriptionsProcessor implements Processor {

    private final EventCodec codec = new EventCodec();

    @Override
    public void process(Exchange exchange) throws Exception {
        EventStoreComponent component = exchange.getContext().getComponent("eventstore", EventStoreComponent.class);
        EventStore store = component.getEventStore();
        long head = store.headPosition();
        List<Map<String, Object>> answer = new ArrayList<>();
        for (SubscriptionCheckpoint checkpoint : store.subscriptions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", checkpoint.name());
            entry.put("position", checkpoint.position());
            entry.put("head", head);
            entry.put("lag", Math.max(0, head - checkpoint.position()));
            entry.put("updatedAt", checkpoint.updatedAt().toString());
            Optional<EventStoreConsumer> consumer = component.subscriber(checkpoint.name());
            entry.put("consumerHere", consumer.isPresent());
            consumer.ifPresent(c -> {
                entry.put("active", c.isActive());
                entry.put("inFlight", c.getInFlight());
            });
            answer.add(entry);
        }
        JsonResponse.send(exchange, 200, codec.mapper().writeValueAsBytes(answer));
    }
}
