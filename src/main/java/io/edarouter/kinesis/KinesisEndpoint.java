package io.edarouter.kinesis;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** One Kinesis data stream: its consumer reads the shards this instance holds leases for, its producer puts records. */
@UriEndpoint(firstVersion = "0.1.0", scheme = KinesisComponent.SCHEME, title = "Amazon Kinesis with checkpoints in the event store",
        syntax = "eda-kinesis:stream", category = {Category.CLOUD, Category.MESSAGING})
public class KinesisEndpoint extends DefaultEndpoint {

    @UriParam
    private final KinesisConfiguration configuration;

    public KinesisEndpoint(String uri, KinesisComponent component, KinesisConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public KinesisComponent getComponent() {
        return (KinesisComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new KinesisProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KinesisConsumer consumer = new KinesisConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public KinesisConfiguration getConfiguration() {
        return configuration;
    }
}
