package io.edarouter.ingest;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** One named hand-over: producers queue exchanges, its one consumer takes them as batches. */
@UriEndpoint(firstVersion = "0.1.0", scheme = BatchComponent.SCHEME, title = "Ordered batching hand-over",
        syntax = "eda-batch:name", category = {Category.CORE})
public class BatchEndpoint extends DefaultEndpoint {

    @UriParam
    private final BatchConfiguration configuration;

    public BatchEndpoint(String uri, BatchComponent component, BatchConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public BatchComponent getComponent() {
        return (BatchComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new BatchProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        BatchConsumer consumer = new BatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public BatchConfiguration getConfiguration() {
        return configuration;
    }
}
