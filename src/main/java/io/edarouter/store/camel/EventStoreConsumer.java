package io.edarouter.store.camel;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import io.edarouter.store.RecordedEvent;
import io.edarouter.store.Subscription;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.SubscriptionSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * A catch-up subscription as a Camel consumer: each event becomes an exchange whose body is the
 * {@link RecordedEvent}. The checkpoint moves past an event only when its exchange completed without an
 * exception (an error handler that handles the exception, e.g. a dead-letter channel, counts as completed);
 * a failed exchange is delivered again after the retry delay.
 */
public class EventStoreConsumer extends DefaultConsumer {

    private final EventStoreConfiguration configuration;
    private ExecutorService executor;
    private Subscription subscription;

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

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SubscriptionSettings settings = new SubscriptionSettings(configuration.getSubscription(),
                SubscriptionFilter.parse(configuration.getStream()), configuration.getBatchSize(),
                Duration.ofMillis(configuration.getPollInterval()), Duration.ofMillis(configuration.getRetryDelay()),
                Duration.ofMillis(configuration.getMaxRetryDelay()));
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "EventStoreSubscription[" + settings.name() + "]");
        subscription = getEndpoint().getComponent().getEventStore().subscribe(settings, this::handle, executor);
    }

    @Override
    protected void doStop() throws Exception {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    /** True while this consumer is the active instance of its subscription (not a standby). */
    public boolean isActive() {
        Subscription current = subscription;
        return current != null && current.isActive();
    }

    private void handle(RecordedEvent event) throws Exception {
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
                throw exchange.getException();
            }
            if (exchange.isRollbackOnly()) {
                throw new IllegalStateException("exchange for position " + event.globalPosition() + " was rolled back");
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
