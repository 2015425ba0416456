package io.edarouter.rabbitmq;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** A RabbitMQ queue to consume (manual acknowledgement) or an exchange to publish to (publisher confirms). */
@UriEndpoint(firstVersion = "0.1.0", scheme = RabbitMqComponent.SCHEME, title = "RabbitMQ with acknowledgements and confirms",
        syntax = "eda-rabbitmq:name", category = {Category.MESSAGING})
public class RabbitMqEndpoint extends DefaultEndpoint {

    @UriParam
    private final RabbitMqConfiguration configuration;

    public RabbitMqEndpoint(String uri, RabbitMqComponent component, RabbitMqConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public RabbitMqComponent getComponent() {
        return (RabbitMqComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new RabbitMqProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RabbitMqConsumer consumer = new RabbitMqConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public RabbitMqConfiguration getConfiguration() {
        return configuration;
    }
}
