package io.edarouter.store.camel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Appends events to and reads them from the event store; consumes them through catch-up subscriptions.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "eventstore", title = "Event Store", syntax = "eventstore:stream",
        category = {Category.DATABASE}, headersClass = EventStoreConstants.class)
public class EventStoreEndpoint extends DefaultEndpoint {

    @UriParam
    private final EventStoreConfiguration configuration;

    public EventStoreEndpoint(String uri, EventStoreComponent component, EventStoreConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new EventStoreProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        EventStoreConsumer consumer = new EventStoreConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public EventStoreComponent getComponent() {
        return (EventStoreComponent) super.getComponent();
    }

    public EventStoreConfiguration getConfiguration() {
        return configuration;
    }
}
