package io.edarouter.routing;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** Dispatches events to the subscribers of a subscribers file (producer only). */
@UriEndpoint(firstVersion = "0.1.0", scheme = DispatchComponent.SCHEME, title = "Event dispatch by subscribers file",
        syntax = "eda-dispatch:file", producerOnly = true, category = {Category.MESSAGING},
        headersClass = DispatchConstants.class)
public class DispatchEndpoint extends DefaultEndpoint {

    @UriParam
    private final DispatchConfiguration configuration;

    public DispatchEndpoint(String uri, DispatchComponent component, DispatchConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new DispatchProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("eda-dispatch: only sends; it has no consumer");
    }

    private volatile String lastRefusal;

    /** Why the last changed subscribers file was refused, or null when none was. */
    public String getLastRefusal() {
        return lastRefusal;
    }

    void setLastRefusal(String lastRefusal) {
        this.lastRefusal = lastRefusal;
    }

    private volatile java.util.List<Subscriber> subscribers = java.util.List.of();

    /**
     * The subscribers of the table in use (the file as last loaded), for those who ask what a change would touch;
     * empty before the producer started.
     */
    public java.util.List<Subscriber> getSubscribers() {
        return subscribers;
    }

    void setSubscribers(java.util.List<Subscriber> subscribers) {
        this.subscribers = java.util.List.copyOf(subscribers);
        this.loadedAt = java.time.Instant.now();
    }

    private volatile java.time.Instant loadedAt;

    /** When the table in use was loaded (at start, or by the last reload of a changed file); null before. */
    public java.time.Instant getLoadedAt() {
        return loadedAt;
    }

    public DispatchConfiguration getConfiguration() {
        return configuration;
    }
}
