package io.edarouter.rabbitmq;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.MessageProperties;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Publishes to an exchange on a channel of its own in confirm mode: a send completes when the broker confirmed it
 * (it is in every queue the exchange routed it to, on disk for a durable one), and fails when the broker refused it
 * or the channel closed first. Sends are handed over without waiting, so the copies of a batch cost one round trip.
 * Messages are persistent; the routing key is the header {@code EdaRabbitMqRoutingKey} (the event's stream) or the
 * endpoint's {@code routingKey}; text, number and boolean headers go as AMQP headers, except Camel's and ours.
 */
public class RabbitMqProducer extends DefaultAsyncProducer {

    private final RabbitMqConfiguration configuration;
    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Object publishing = new Object();
    private Channel channel;

    private record Pending(Exchange exchange, AsyncCallback callback) {
        void done(Exception failure) {
            if (failure != null) {
                exchange.setException(failure);
            }
            callback.done(false);
        }
    }

    public RabbitMqProducer(RabbitMqEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    public RabbitMqEndpoint getEndpoint() {
        return (RabbitMqEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Channel c = getEndpoint().getComponent().producerConnection().createChannel();
        String exchange = configuration.getName();
        if (configuration.isDeclare()) {
            c.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            // a queue of the same name takes every routing key: nothing is published into the void
            c.queueDeclare(exchange, true, false, false, null);
            c.queueBind(exchange, exchange, "#");
        }
        c.confirmSelect();
        c.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long sequence, boolean multiple) {
                settle(sequence, multiple, null);
            }

            @Override
            public void handleNack(long sequence, boolean multiple) {
                settle(sequence, multiple, new IOException("eda-rabbitmq:" + exchange + ": the broker refused the message"
                        + " (publisher confirm nack)"));
            }
        });
        c.addShutdownListener(cause -> failAll(new IOException("eda-rabbitmq:" + exchange
                + ": the channel closed before the broker confirmed the message: " + cause.getMessage(), cause)));
        channel = c;
    }

    @Override
    protected void doStop() throws Exception {
        Channel c = channel;
        channel = null;
        if (c != null && c.isOpen()) {
            try {
                // sends already handed over are confirmed (or fail) before the channel closes
                c.waitForConfirms(5_000);
            } catch (Exception e) {
                // closing fails what is still pending
            }
            c.close();
        }
        failAll(new IOException("eda-rabbitmq:" + configuration.getName() + ": the producer stopped"));
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Channel c = channel;
        if (c == null || !c.isOpen()) {
            exchange.setException(new IOException("eda-rabbitmq:" + configuration.getName() + ": the channel is closed"));
            callback.done(true);
            return true;
        }
        Message message = exchange.getMessage();
        String routingKey = message.getHeader(RabbitMqConstants.ROUTING_KEY, configuration.getRoutingKey(), String.class);
        byte[] body = message.getBody(byte[].class);
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder().headers(headers(message)).build();
        try {
            synchronized (publishing) {
                long sequence = c.getNextPublishSeqNo();
                pending.put(sequence, new Pending(exchange, callback));
                try {
                    c.basicPublish(configuration.getName(), routingKey == null ? "" : routingKey, properties,
                            body == null ? new byte[0] : body);
                } catch (IOException | RuntimeException e) {
                    pending.remove(sequence);
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return false;
    }

    private static Map<String, Object> headers(Message message) {
        Map<String, Object> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("Camel") || name.startsWith(RabbitMqConstants.PREFIX) || value == null) {
                return;
            }
            if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
                headers.put(name, value);
            } else if (value instanceof byte[] bytes) {
                headers.put(name, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            } else if (value instanceof Number || value instanceof CharSequence) {
                headers.put(name, value.toString());
            }
        });
        return headers;
    }

    private void settle(long sequence, boolean multiple, Exception failure) {
        if (multiple) {
            ConcurrentNavigableMap<Long, Pending> upTo = pending.headMap(sequence, true);
            upTo.values().forEach(p -> p.done(failure));
            upTo.clear();
        } else {
            Pending p = pending.remove(sequence);
            if (p != null) {
                p.done(failure);
            }
        }
    }

    private void failAll(Exception failure) {
        while (!pending.isEmpty()) {
            Map.Entry<Long, Pending> first = pending.pollFirstEntry();
            if (first != null) {
                first.getValue().done(failure);
            }
        }
    }
}
