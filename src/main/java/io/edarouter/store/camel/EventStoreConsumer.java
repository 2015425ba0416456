package io.edarouter.store.camel;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

import io.edarouter.ingest.DeadLetterHeaders;
import io.edarouter.delivery.SubscriberDelivery;
import io.edarouter.observe.EdaMeters;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.EventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.Subscription;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.SubscriptionSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A catch-up subscription as a Camel consumer: each event becomes an exchange whose body is the
 * {@link RecordedEvent}, delivered under the endpoint's delivery policy ({@link SubscriberDelivery}): a failed
 * exchange is retried with growing, jittered delays on the consumer's own thread, without holding back the
 * subscription's other events (an ordered consumer holds back the failed event's stream only), and after the last
 * attempt it is dead-lettered: recorded in the store's dead-letter log and sent to {@code deadLetterUri}. The
 * durable checkpoint never passes an event that is neither delivered nor dead-lettered.
 *
 * <p>An exchange counts as delivered when it completed without an exception (an error handler that handles the
 * exception counts as completed).
 */
public class EventStoreConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventStoreConsumer.class);
    private static final int REPLAY_BATCH = 500;

    private final EventStoreConfiguration configuration;
    private Counter failedAttempts;
    private Gauge lag;
    private ScheduledExecutorService deliveryExecutor;
    private ExecutorService subscriptionExecutor;
    private ExecutorService replayExecutor;
    private SubscriberDelivery delivery;
    private Subscription subscription;
    private ProducerTemplate deadLetterProducer;

    public EventStoreConsumer(EventStoreEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        if (configuration.getSubscription() == null || configuration.getSubscription().isBlank()) {
            throw new IllegalArgumentException("consuming from " + endpoint.getEndpointUri()
                    + " needs a subscription name: eventstore:" + configuration.getStream() + "?subscription=NAME");
        }
    }

    @Override
    public EventStoreEndpoint getEndpoint() {
        return (EventStoreEndpoint) super.getEndpoint();
    }

    /** The subscription's name. */
    public String getSubscriptionName() {
        return configuration.getSubscription();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String name = configuration.getSubscription();
        SubscriptionSettings settings = new SubscriptionSettings(name,
                SubscriptionFilter.parse(configuration.getStream()), configuration.getBatchSize(),
                Duration.ofMillis(configuration.getPollInterval()), Duration.ofMillis(configuration.getInitialDelay()),
                Duration.ofMillis(configuration.getMaxDelay()));
        var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        if (configuration.getDeadLetterUri() != null) {
            deadLetterProducer = getEndpoint().getCamelContext().createProducerTemplate();
        }
        deliveryExecutor = executors.newSingleThreadScheduledExecutor(this, "EventStoreDelivery[" + name + "]");
        delivery = new SubscriberDelivery(name, configuration.deliveryPolicy(), configuration.isOrdered(),
                configuration.getMaxInFlight(), this::deliver, this::deadLetter, deliveryExecutor, Clock.systemUTC());
        subscriptionExecutor = executors.newSingleThreadExecutor(this, "EventStoreSubscription[" + name + "]");
        replayExecutor = executors.newSingleThreadExecutor(this, "EventStoreReplay[" + name + "]");
        MeterRegistry meters = EdaMeters.registry(getEndpoint().getCamelContext());
        failedAttempts = Counter.builder(EdaMeters.SUBSCRIBER_FAILED_ATTEMPTS).tag("subscription", name)
                .description("deliveries that failed; each is retried or, after the last attempt, dead-lettered")
                .register(meters);
        lag = Gauge.builder(EdaMeters.SUBSCRIPTION_LAG, this, EventStoreConsumer::lag).tag("subscription", name)
                .description("stored events the subscription selects after its checkpoint, counted up to "
                        + EventStore.MAX_COUNTED_LAG).register(meters);
        subscription = store().subscribe(settings, delivery, subscriptionExecutor);
        getEndpoint().getComponent().register(this);
    }

    /** What this subscription selects ({@code $all}, a category, an event type or a stream). */
    public SubscriptionFilter getFilter() {
        return SubscriptionFilter.parse(configuration.getStream());
    }

    /**
     * The events this subscription has yet to deliver ({@link EventStore#lag}), as {@code GET /subscriptions} shows
     * them; read when metrics are scraped.
     */
    private double lag() {
        EventStore store = store();
        return store.subscriptions().stream()
                .filter(checkpoint -> checkpoint.name().equals(configuration.getSubscription()))
                .findFirst()
                .map(checkpoint -> store.lag(checkpoint.filter() != null ? checkpoint.filter() : getFilter(),
                        checkpoint.position()))
                .orElseGet(() -> store.lag(getFilter(), 0));
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().unregister(this);
        if (lag != null) {
            EdaMeters.registry(getEndpoint().getCamelContext()).remove(lag);
            lag = null;
        }
        var executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        if (delivery != null) {
            delivery.close(); // first: a subscription waiting for room stops waiting
        }
        if (replayExecutor != null) {
            executors.shutdownNow(replayExecutor);
            replayExecutor = null;
        }
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (subscriptionExecutor != null) {
            executors.shutdown(subscriptionExecutor);
            subscriptionExecutor = null;
        }
        if (deliveryExecutor != null) {
            executors.shutdownNow(deliveryExecutor);
            deliveryExecutor = null;
        }
        if (deadLetterProducer != null) {
            deadLetterProducer.stop();
            deadLetterProducer = null;
        }
        delivery = null;
        super.doStop();
    }

    /** True while this consumer is the active instance of its subscription (not a standby). */
    public boolean isActive() {
        Subscription current = subscription;
        return current != null && current.isActive();
    }

    /** Events on their way (waiting for an attempt or a retry, or held back behind one). */
    public int getInFlight() {
        SubscriberDelivery current = delivery;
        return current == null ? 0 : current.inFlight();
    }

    /**
     * Delivers a stored event to this subscriber again (redrive), under its policy, whatever the checkpoint.
     * Waits while {@code maxInFlight} events are on their way.
     */
    public void resend(RecordedEvent event) throws InterruptedException {
        SubscriberDelivery current = delivery;
        if (current == null) {
            throw new IllegalStateException("subscription '" + getSubscriptionName() + "' is not running");
        }
        current.resend(event);
    }

    /**
     * In the background, delivers again the stored events from {@code fromPosition} up to (without)
     * {@code toPosition} that this subscription selects and {@code wanted} accepts, without moving the checkpoint.
     */
    public void replay(long fromPosition, long toPosition, Predicate<RecordedEvent> wanted) {
        SubscriptionFilter filter = SubscriptionFilter.parse(configuration.getStream());
        replayExecutor.execute(() -> {
            long next = fromPosition;
            int resent = 0;
            try {
                while (next < toPosition) {
                    List<RecordedEvent> batch = store().readAll(next, REPLAY_BATCH);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (RecordedEvent event : batch) {
                        if (event.globalPosition() >= toPosition) {
                            break;
                        }
                        if (filter.matches(event) && wanted.test(event)) {
                            resend(event);
                            resent++;
                        }
                    }
                    next = batch.get(batch.size() - 1).globalPosition() + 1;
                }
                LOG.info("Subscription {}: replay of positions {}..{} handed over {} events", getSubscriptionName(),
                        fromPosition, toPosition - 1, resent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("Subscription {}: replay stopped at position {}: {}", getSubscriptionName(), next, e.toString());
            }
        });
    }

    private EventStore store() {
        return getEndpoint().getComponent().getEventStore();
    }

    private void deliver(RecordedEvent event) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getMessage();
            message.setBody(event);
            message.setHeader(EventStoreConstants.STREAM, event.stream());
            message.setHeader(EventStoreConstants.STREAM_VERSION, event.streamVersion());
            message.setHeader(EventStoreConstants.GLOBAL_POSITION, event.globalPosition());
            message.setHeader(EventStoreConstants.EVENT_ID, event.event().eventId());
            message.setHeader(EventStoreConstants.EVENT_TYPE, event.event().eventType());
            message.setHeader(EventStoreConstants.SUBSCRIPTION, configuration.getSubscription());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                failedAttempts.increment();
                throw exchange.getException();
            }
            if (exchange.isRollbackOnly()) {
                failedAttempts.increment();
                throw new IllegalStateException("exchange for position " + event.globalPosition() + " was rolled back");
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Sends the event to deadLetterUri (if set) with headers that say why, and records it in the log. */
    private void deadLetter(RecordedEvent event, String reason, int attempts) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetterHeaders.ERROR_REASON, reason);
        headers.put(DeadLetterHeaders.ERROR_STAGE, DeadLetter.STAGE_DELIVER);
        headers.put(DeadLetterHeaders.ATTEMPTS, String.valueOf(attempts));
        headers.put(DeadLetterHeaders.SUBSCRIPTION, configuration.getSubscription());
        headers.put(DeadLetterHeaders.STREAM, event.stream());
        headers.put(DeadLetterHeaders.STREAM_VERSION, String.valueOf(event.streamVersion()));
        headers.put(DeadLetterHeaders.GLOBAL_POSITION, String.valueOf(event.globalPosition()));
        headers.put(DeadLetterHeaders.EVENT_ID, event.event().eventId());
        byte[] json = RecordedEventConverterLoader.toJson(event);
        if (deadLetterProducer != null) {
            Exchange sent = deadLetterProducer.send(configuration.getDeadLetterUri(), out -> {
                out.getMessage().setBody(json);
                headers.forEach(out.getMessage()::setHeader);
                out.getMessage().setHeader("kafka.KEY", event.stream());
                out.getMessage().setHeader("CamelPulsarProducerMessageKey", event.stream());
            });
            if (sent.getException() != null) {
                throw sent.getException();
            }
        }
        store().deadLetters().record(DeadLetter.subscriber(configuration.getSubscription(), event, reason, attempts,
                json, headers));
        EdaMeters.registry(getEndpoint().getCamelContext()).counter(EdaMeters.DEAD_LETTERED, "stage", DeadLetter.STAGE_DELIVER)
                .increment();
    }
}
