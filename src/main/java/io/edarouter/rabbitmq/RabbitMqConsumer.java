package io.edarouter.rabbitmq;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue on a connection of its own, with manual acknowledgement and at most {@code prefetch} messages
 * unacknowledged. Each message is one exchange (body: its bytes; AMQP headers as headers, text for text) carrying a
 * {@link RabbitMqReceipt}: whoever finishes with the message acknowledges it. When the route fails the message, it
 * goes back to the queue here. Deliveries of one channel come on one thread, in queue order, and the next waits
 * until the route has taken the one before. A lost connection gave back what was unacknowledged; the consumer
 * connects again every {@value #RECONNECT_SECONDS} s until it succeeds or stops.
 */
public class RabbitMqConsumer extends org.apache.camel.support.DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqConsumer.class);
    private static final long RECONNECT_SECONDS = 2;

    private final RabbitMqEndpoint endpoint;
    private final RabbitMqConfiguration configuration;
    private volatile Connection connection;
    private ScheduledExecutorService reconnector;

    public RabbitMqConsumer(RabbitMqEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        reconnector = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "eda-rabbitmq-reconnect-" + configuration.getName());
        connect();
    }

    @Override
    protected void doStop() throws Exception {
        if (reconnector != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(reconnector);
            reconnector = null;
        }
        Connection c = connection;
        connection = null;
        if (c != null && c.isOpen()) {
            // what was delivered and not acknowledged goes back to the queue, in its order
            c.close();
        }
        super.doStop();
    }

    private void connect() throws Exception {
        Connection c = endpoint.getComponent().newConnection("queue " + configuration.getName());
        try {
            Channel channel = c.createChannel();
            if (configuration.isDeclare()) {
                channel.queueDeclare(configuration.getName(), true, false, false, queueArguments(configuration));
            }
            channel.basicQos(configuration.getPrefetch());
            channel.basicConsume(configuration.getName(), false, new Deliveries(channel));
            c.addShutdownListener(this::lost);
            connection = c;
            LOG.info("eda-rabbitmq: consuming queue {} (prefetch {}, single active consumer: {})", configuration.getName(),
                    configuration.getPrefetch(), configuration.isSingleActiveConsumer());
        } catch (IOException | RuntimeException e) {
            c.abort();
            throw e;
        }
    }

    /** The arguments the queue is declared with: the same for every router, or the broker refuses the second. */
    static Map<String, Object> queueArguments(RabbitMqConfiguration configuration) {
        Map<String, Object> arguments = new HashMap<>();
        if (configuration.isSingleActiveConsumer()) {
            arguments.put("x-single-active-consumer", true);
        }
        return arguments;
    }

    private void lost(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication() || !isRunAllowed()) {
            return;
        }
        LOG.warn("eda-rabbitmq: lost the connection for queue {} ({}); its unacknowledged messages go back to the queue,"
                + " connecting again", configuration.getName(), cause.getMessage());
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        ScheduledExecutorService r = reconnector;
        if (r == null || r.isShutdown()) {
            return;
        }
        r.schedule(() -> {
            if (!isRunAllowed() || (connection != null && connection.isOpen())) {
                return;
            }
            try {
                connect();
            } catch (Exception e) {
                LOG.warn("eda-rabbitmq: cannot consume queue {} yet: {}; trying again in {} s", configuration.getName(),
                        e.getMessage(), RECONNECT_SECONDS);
                scheduleReconnect();
            }
        }, RECONNECT_SECONDS, TimeUnit.SECONDS);
    }

    /** Hands each delivery to the route, on the channel's dispatch thread. */
    private final class Deliveries extends DefaultConsumer {

        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            RabbitMqReceipt receipt = new RabbitMqReceipt(getChannel(), envelope.getDeliveryTag());
            Exchange exchange = createExchange(false);
            Message message = exchange.getMessage();
            message.setBody(body);
            if (properties.getHeaders() != null) {
                properties.getHeaders().forEach((name, value) -> message.setHeader(name, value == null ? null
                        : value instanceof com.rabbitmq.client.LongString text ? text.toString() : value));
            }
            message.setHeader(RabbitMqConstants.QUEUE, configuration.getName());
            message.setHeader(RabbitMqConstants.DELIVERY_TAG, envelope.getDeliveryTag());
            message.setHeader(RabbitMqConstants.REDELIVERED, envelope.isRedeliver());
            if (properties.getMessageId() != null) {
                message.setHeader(RabbitMqConstants.MESSAGE_ID, properties.getMessageId());
            }
            message.setHeader(RabbitMqConstants.RECEIPT, receipt);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                // not taken: back to the queue now, rather than when the connection closes
                try {
                    receipt.requeue();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("eda-rabbitmq: cannot give message {} back to queue {}: {}", envelope.getDeliveryTag(),
                            configuration.getName(), e.getMessage());
                }
                getExceptionHandler().handleException("eda-rabbitmq:" + configuration.getName()
                        + ": message not taken, given back to the queue", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }
}
