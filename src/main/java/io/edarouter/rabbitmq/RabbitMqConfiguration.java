package io.edarouter.rabbitmq;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code eda-rabbitmq:} endpoint; the server it connects to is the component's. */
@UriParams
public class RabbitMqConfiguration {

    /**
     * Consumer: the queue to consume. Producer: the exchange to publish to (a topic exchange, with a queue of the
     * same name bound to it for every routing key when {@code declare} is on, so nothing published is dropped).
     */
    @UriPath
    @Metadata(required = true)
    private String name;

    /**
     * Declare what the endpoint uses, durable, if it is missing: the consumer's queue (single active consumer, so
     * several routers share it and keep its order), the producer's exchange and its queue. Off where the queues are
     * managed by other means; a queue declared with other arguments is refused by the broker.
     */
    @UriParam(defaultValue = "true")
    private boolean declare = true;

    /**
     * Consumer: declare the queue with {@code x-single-active-consumer}: of several routers consuming it, one at a
     * time receives, in queue order; another takes over when it goes away.
     */
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean singleActiveConsumer = true;

    /** Consumer: messages delivered and not yet acknowledged, at most (the channel's prefetch, basic.qos). */
    @UriParam(label = "consumer", defaultValue = "1000")
    private int prefetch = 1000;

    /** Producer: the routing key when the message has no {@code EdaRabbitMqRoutingKey} header. */
    @UriParam(label = "producer")
    private String routingKey = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isDeclare() {
        return declare;
    }

    public void setDeclare(boolean declare) {
        this.declare = declare;
    }

    public boolean isSingleActiveConsumer() {
        return singleActiveConsumer;
    }

    public void setSingleActiveConsumer(boolean singleActiveConsumer) {
        this.singleActiveConsumer = singleActiveConsumer;
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public void setRoutingKey(String routingKey) {
        this.routingKey = routingKey;
    }
}
