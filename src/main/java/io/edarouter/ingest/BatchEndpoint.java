package io.edarouter.ingest;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** One named hand-over: producers queue exchanges, its one consumer takes them as batches. */
@UriEndpoint(firstVersion = "0.1.0", scheme = BatchComponent.SCHEME, title = "Ordered batching hand-over",
        syntax = "eda-batch:name", category = {Category.CORE})
public class BatchEndpoint extends DefaultEndpoint {

    @UriPath
    @Metadata(required = true)
    private final String name;

    /** Consumer: the most exchanges in one batch. */
    @UriParam(label = "consumer", defaultValue = "500")
    private int size = 500;

    /** Consumer: how long, in milliseconds, a batch gathers after its first exchange before it goes on. */
    @UriParam(label = "consumer", defaultValue = "20")
    private long interval = 20;

    /** Consumer: exchanges that may wait in the queue; a producer waits while it is full. 0: twice {@code size}. */
    @UriParam(label = "consumer", defaultValue = "0")
    private int queueSize;

    /** Producer: how long, in milliseconds, to wait for the consumer to start before failing the exchange. */
    @UriParam(label = "producer", defaultValue = "30000")
    private long timeout = 30_000;

    public BatchEndpoint(String uri, BatchComponent component, String name) {
        super(uri, component);
        this.name = name;
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

    public String getName() {
        return name;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public long getInterval() {
        return interval;
    }

    public void setInterval(long interval) {
        this.interval = interval;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }
}
