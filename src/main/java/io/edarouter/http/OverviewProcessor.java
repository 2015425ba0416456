package io.edarouter.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.EventCodec;
import io.edarouter.observe.EdaMeters;
import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.SubscriptionCheckpoint;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.camel.EventStoreComponent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * {@code GET /overview}: {@code {eventsInPerSecond, eventsOutPerSecond, headPosition, subscriptions: [{name,
 * checkpoint, lag}], deadLettersPending, readiness: {status, down}}}. The rates are those of the router's own meters
 * (events appended to the store, {@value EdaMeters#STORE_APPEND_BATCH}; copies dispatched, {@value EdaMeters#DISPATCHED})
 * over the last {@value #WINDOW_SECONDS} s, sampled each second from the first request on (null until two samples
 * exist); readiness is Camel's readiness checks ({@code /observe/health/ready}), {@code down} the ids of those not up.
 */
final class OverviewProcessor {

    static final int WINDOW_SECONDS = 5;

    private record Sample(long nanos, double in, double out) {
    }

    private final ObjectMapper mapper = new EventCodec().mapper();
    private final CamelContext context;
    private final EventStoreComponent eventStore;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private ScheduledExecutorService sampler;

    OverviewProcessor(CamelContext context, EventStoreComponent eventStore) {
        this.context = context;
        this.eventStore = eventStore;
    }

    void overview(Exchange exchange) throws Exception {
        QueryParameters.of(exchange, List.of());
        Sample now = sample();
        Sample oldest = startSampling(now);
        double seconds = (now.nanos() - oldest.nanos()) / 1e9;
        EventStore store = eventStore.getEventStore();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventsInPerSecond", seconds < 0.5 ? null : round((now.in() - oldest.in()) / seconds));
        answer.put("eventsOutPerSecond", seconds < 0.5 ? null : round((now.out() - oldest.out()) / seconds));
        answer.put("headPosition", store.headPosition());
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (SubscriptionCheckpoint checkpoint : store.subscriptions()) {
            SubscriptionFilter filter = SubscriptionsProcessor.filterOf(eventStore, checkpoint);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", checkpoint.name());
            entry.put("checkpoint", checkpoint.position());
            entry.put("lag", store.lag(filter, checkpoint.position()));
            subscriptions.add(entry);
        }
        answer.put("subscriptions", subscriptions);
        answer.put("deadLettersPending", store instanceof JdbcEventStore jdbc ? jdbc.journal().pendingDeadLetters() : null);
        List<String> down = new ArrayList<>();
        for (HealthCheck.Result result : HealthCheckHelper.invokeReadiness(context)) {
            if (result.getState() != HealthCheck.State.UP) {
                down.add(result.getCheck().getId());
            }
        }
        answer.put("readiness", Map.of("status", down.isEmpty() ? "UP" : "DOWN", "down", down));
        JsonResponse.send(exchange, 200, mapper.writeValueAsBytes(answer));
    }

    /** Starts the sampler at the first request; answers the oldest sample of the window. */
    private synchronized Sample startSampling(Sample now) {
        if (sampler == null) {
            samples.add(now);
            sampler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "eda-overview-rates");
            sampler.scheduleAtFixedRate(this::keep, 1, 1, TimeUnit.SECONDS);
        }
        return samples.peekFirst();
    }

    private synchronized void keep() {
        samples.addLast(sample());
        while (samples.size() > WINDOW_SECONDS + 1) {
            samples.removeFirst();
        }
    }

    private Sample sample() {
        MeterRegistry registry = EdaMeters.registry(context);
        double in = registry.find(EdaMeters.STORE_APPEND_BATCH).summaries().stream()
                .mapToDouble(DistributionSummary::totalAmount).sum();
        double out = registry.find(EdaMeters.DISPATCHED).counters().stream().mapToDouble(Counter::count).sum();
        return new Sample(System.nanoTime(), in, out);
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }
}
