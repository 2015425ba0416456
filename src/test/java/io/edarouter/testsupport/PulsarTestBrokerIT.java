package io.edarouter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PulsarTestBrokerIT {

    @RegisterExtension
    static final PulsarTestBroker broker = PulsarTestBroker.shared();

    @Test
    void producedMessageIsConsumedBack() throws Exception {
        String topic = "persistent://public/default/it-" + UUID.randomUUID();
        try (PulsarClient client = PulsarClient.builder().serviceUrl(broker.serviceUrl()).build();
                Consumer<String> consumer = client.newConsumer(Schema.STRING)
                        .topic(topic)
                        .subscriptionName("it")
                        .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                        .subscribe();
                Producer<String> producer = client.newProducer(Schema.STRING).topic(topic).create()) {
            producer.newMessage().key("order-1").value("created").send();

            Message<String> message = consumer.receive(30, TimeUnit.SECONDS);

            assertThat(message).isNotNull();
            assertThat(message.getKey() + "=" + message.getValue()).isEqualTo("order-1=created");
            consumer.acknowledge(message);
        }
    }
}
