package io.edarouter.rabbitmq;

import java.io.IOException;

import com.rabbitmq.client.Channel;

/**
 * The handle to settle one delivered message: acknowledge it (the broker forgets it) or give it back to its queue
 * (the broker delivers it again). Settled on the channel that delivered it; a channel that closed meanwhile has
 * already given every message it held back to the queue, so settling then fails and nothing is lost.
 */
public final class RabbitMqReceipt {

    private final Channel channel;
    private final long deliveryTag;

    RabbitMqReceipt(Channel channel, long deliveryTag) {
        this.channel = channel;
        this.deliveryTag = deliveryTag;
    }

    /** Tells the broker the message is done with. */
    public void acknowledge() throws IOException {
        channel.basicAck(deliveryTag, false);
    }

    /** Gives the message back to its queue, to be delivered again. */
    public void requeue() throws IOException {
        if (channel.isOpen()) {
            channel.basicNack(deliveryTag, false, true);
        }
    }

    public long deliveryTag() {
        return deliveryTag;
    }
}
