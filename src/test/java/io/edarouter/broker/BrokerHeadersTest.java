package io.edarouter.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Records as camel-kafka's and camel-pulsar's consumers hand them over, by the components' own header names. */
class BrokerHeadersTest {

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    private Message kafkaRecord() {
        Message record = new DefaultMessage(context);
        record.setHeader("kafka.TOPIC", "orders");
        record.setHeader("kafka.PARTITION", 2);
        record.setHeader("kafka.OFFSET", 41L);
        record.setHeader("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private Message pulsarMessage() {
        Message message = new DefaultMessage(context);
        message.setHeader("topic_name", "persistent://public/default/orders");
        message.setHeader("message_id", "7:3:-1");
        message.setHeader("key", "order-1");
        message.setHeader("properties", Map.of("traceparent", "00-abc-def-01"));
        return message;
    }

    @Test
    void aHeaderIsReadAsTextFromAKafkaRecordOrAPulsarMessagesProperties() {
        assertThat(BrokerHeaders.text(kafkaRecord(), "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(BrokerHeaders.text(pulsarMessage(), "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(BrokerHeaders.text(pulsarMessage(), "tracestate")).isNull();
    }

    @Test
    void theSourceOfARecordIsItsTopicAndPartitionAndOffsetOrItsTopicAndMessageId() {
        assertThat(RecordSource.of(kafkaRecord())).hasValue(new RecordSource("kafka", "orders", 2, 41L, null));
        assertThat(RecordSource.of(kafkaRecord()).orElseThrow()).hasToString("orders 2/41");
        assertThat(RecordSource.of(pulsarMessage())).hasValue(
                new RecordSource("pulsar", "persistent://public/default/orders", null, null, "7:3:-1"));
        assertThat(RecordSource.of(new DefaultMessage(context))).isEmpty();
    }

    @Test
    void aForwardedPulsarMessageSendsItsPropertiesAndKeyWithTheAddedHeaders() {
        Message message = pulsarMessage();

        BrokerHeaders.forward(message, Map.of("eda-error-stage", "decode"));

        assertThat(message.getHeader("CamelPulsarProducerMessageProperties"))
                .isEqualTo(Map.of("traceparent", "00-abc-def-01", "eda-error-stage", "decode"));
        assertThat(message.getHeader("CamelPulsarProducerMessageKey")).isEqualTo("order-1");
        assertThat(message.getHeader("eda-error-stage")).isEqualTo("decode");
    }

    @Test
    void aForwardedKafkaRecordGetsTheAddedHeadersAlone() {
        Message record = kafkaRecord();

        BrokerHeaders.forward(record, Map.of("eda-error-stage", "decode"));

        assertThat(record.getHeader("eda-error-stage")).isEqualTo("decode");
        assertThat(record.getHeaders()).doesNotContainKeys("CamelPulsarProducerMessageProperties",
                "CamelPulsarProducerMessageKey");
    }

    @Test
    void outgoingHeadersAreKafkaHeadersAndPulsarPropertiesAndKeepThePropertiesSetBefore() {
        Message out = new DefaultMessage(context);

        BrokerHeaders.setOutgoing(out, Map.of("content-type", "application/json"));
        BrokerHeaders.setOutgoing(out, Map.of("ce_id", "e-1"));
        BrokerHeaders.setKey(out, "order-1");

        assertThat(out.getHeader("ce_id")).isEqualTo("e-1");
        assertThat(out.getHeader("CamelPulsarProducerMessageProperties"))
                .isEqualTo(Map.of("content-type", "application/json", "ce_id", "e-1"));
        assertThat(out.getHeader("kafka.KEY")).isEqualTo("order-1");
        assertThat(out.getHeader("CamelPulsarProducerMessageKey")).isEqualTo("order-1");
    }
}
