package io.edarouter.broker;

import io.edarouter.rabbitmq.RabbitMqConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A message as the eda-rabbitmq: consumer hands it over: where it came from, and its handle kept off copies. */
class RabbitMqRecordSourceTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Message delivered(String messageId) {
        Message message = new DefaultMessage(context);
        message.setHeader(RabbitMqConstants.QUEUE, "orders");
        message.setHeader(RabbitMqConstants.DELIVERY_TAG, 17L);
        if (messageId != null) {
            message.setHeader(RabbitMqConstants.MESSAGE_ID, messageId);
        }
        return message;
    }

    @Test
    void theSourceIsTheQueueWithTheMessageIdOrElseTheDeliveryTag() {
        assertThat(RecordSource.of(delivered("m-1"))).hasValue(new RecordSource("rabbitmq", "orders", null, 17L, "m-1"));
        assertThat(RecordSource.of(delivered(null)).orElseThrow()).hasToString("orders delivery-tag 17");
    }

    @Test
    void theReceiptDoesNotTravelWithACopy() {
        Message copy = delivered("m-1");
        copy.setHeader(RabbitMqConstants.RECEIPT, "handle");

        BrokerHeaders.removeConsumerHandles(copy);

        assertThat(copy.getHeaders()).doesNotContainKey(RabbitMqConstants.RECEIPT).containsKey(RabbitMqConstants.QUEUE);
    }
}
