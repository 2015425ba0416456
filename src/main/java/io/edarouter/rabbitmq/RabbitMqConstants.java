package io.edarouter.rabbitmq;

/** Headers the {@code eda-rabbitmq:} consumer sets on a delivered message and its producer reads. */
public final class RabbitMqConstants {

    /** Consumer: the queue the message was delivered from. */
    public static final String QUEUE = "EdaRabbitMqQueue";
    /** Consumer: the delivery tag on the consumer's channel (meaningful only to that channel). */
    public static final String DELIVERY_TAG = "EdaRabbitMqDeliveryTag";
    /** Consumer: the message's AMQP {@code message-id} property, when the publisher set one. */
    public static final String MESSAGE_ID = "EdaRabbitMqMessageId";
    /** Consumer: whether the broker delivered the message before (to a consumer that did not acknowledge it). */
    public static final String REDELIVERED = "EdaRabbitMqRedelivered";
    /** Consumer: the {@link RabbitMqReceipt} that acknowledges the message or gives it back to the queue. */
    public static final String RECEIPT = "EdaRabbitMqReceipt";
    /** Producer: the routing key to publish with (the pipeline puts the event's stream here). */
    public static final String ROUTING_KEY = "EdaRabbitMqRoutingKey";

    /** Headers of ours, never sent on as AMQP headers. */
    static final String PREFIX = "EdaRabbitMq";

    private RabbitMqConstants() {
    }
}
