package io.edarouter.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.pulsar.PulsarMessageReceipt;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Each broker settles its own records of a batch, once, and hands the others on; a record of none is left alone. */
class InputAcknowledgementTest {

    private final CamelContext context = new DefaultCamelContext();
    private final List<String> settled = new ArrayList<>();

    @Test
    void aMixedBatchIsSettledRecordByRecordByItsBrokers() {
        KinesisReceipt shard = receipt("shard-1");
        List<Message> batch = List.of(kafka("k-1"), pulsar("p-1"), kinesis(shard), plain(), pulsar("p-2"), kinesis(shard));

        InputAcknowledgement.completeAll(batch, context);

        assertThat(settled).containsExactlyInAnyOrder("commit k-1", "ack p-1", "ack p-2", "completed shard-1");
    }

    @Test
    void aFailedBatchIsGivenBackByItsBrokers() {
        InputAcknowledgement.failAll(List.of(pulsar("p-1"), kinesis(receipt("shard-1")), plain()), context);

        assertThat(settled).containsExactlyInAnyOrder("nack p-1", "failed shard-1");
    }

    @Test
    void aBrokerHandsOnOnlyTheRecordsThatAreNotItsOwn() {
        Message other = kinesis(receipt("shard-1"));
        List<Message> pulsarOnly = List.of(pulsar("p-1"), pulsar("p-2"));

        assertThat(new PulsarAcknowledgement().completed(pulsarOnly, context)).isEmpty();
        assertThat(new PulsarAcknowledgement().completed(List.of(pulsar("p-3"), other), context)).containsExactly(other);
        assertThat(new KafkaAcknowledgement().completed(pulsarOnly, context)).isEqualTo(pulsarOnly);
        assertThat(settled).containsExactly("ack p-1", "ack p-2", "ack p-3");
    }

    private Message plain() {
        return new DefaultExchange(context).getMessage();
    }

    private Message kafka(String id) {
        Message message = plain();
        message.setHeader(KafkaConstants.TOPIC, "orders");
        message.setHeader(KafkaConstants.PARTITION, 0);
        message.setHeader(KafkaConstants.MANUAL_COMMIT, (KafkaManualCommit) () -> settled.add("commit " + id));
        return message;
    }

    /** The records of one shard batch share its receipt. */
    private Message kinesis(KinesisReceipt receipt) {
        Message message = plain();
        message.setHeader(BrokerHeaders.KINESIS_RECEIPT, receipt);
        return message;
    }

    private KinesisReceipt receipt(String shard) {
        return new KinesisReceipt() {
            @Override
            public void completed() {
                settled.add("completed " + shard);
            }

            @Override
            public void failed() {
                settled.add("failed " + shard);
            }
        };
    }

    private Message pulsar(String id) {
        Message message = plain();
        message.setHeader(PulsarMessageHeaders.MESSAGE_RECEIPT, new PulsarMessageReceipt() {
            @Override
            public void acknowledge() {
                settled.add("ack " + id);
            }

            @Override
            public void acknowledgeCumulative() {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletableFuture<Void> acknowledgeAsync() {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletableFuture<Void> acknowledgeCumulativeAsync() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void negativeAcknowledge() {
                settled.add("nack " + id);
            }
        });
        return message;
    }
}
