package io.edarouter.broker;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edarouter.rabbitmq.RabbitMqConstants;
import io.edarouter.rabbitmq.RabbitMqReceipt;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.pulsar.PulsarMessageReceipt;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;

/**
 * The headers camel-kafka and camel-pulsar put on a consumed record and read from one they send, by the components'
 * own names, and what the router does with them: read a header whichever broker the record came from, set headers
 * and a key that a producer of either sends, take a consumer's commit handles off a record. camel-kafka passes a
 * record's headers as Camel headers (values as bytes); camel-pulsar passes a message's properties as one map in a
 * header of its own and sends the map and the key of two other headers.
 */
public final class BrokerHeaders {

    static final String KAFKA_TOPIC = KafkaConstants.TOPIC;
    static final String KAFKA_PARTITION = KafkaConstants.PARTITION;
    static final String KAFKA_OFFSET = KafkaConstants.OFFSET;
    static final String PULSAR_TOPIC = PulsarMessageHeaders.TOPIC_NAME;
    static final String PULSAR_MESSAGE_ID = PulsarMessageHeaders.MESSAGE_ID;
    // RabbitMQ (eda-rabbitmq:): the queue, the delivery tag and the AMQP message id of a delivered message
    static final String RABBITMQ_QUEUE = RabbitMqConstants.QUEUE;
    static final String RABBITMQ_DELIVERY_TAG = RabbitMqConstants.DELIVERY_TAG;
    static final String RABBITMQ_MESSAGE_ID = RabbitMqConstants.MESSAGE_ID;
    /**
     * Amazon SQS: the id and the receipt handle camel-aws2-sqs puts on a received message. The receipt handle is
     * plain text, not a handle of the consumer: it stays on copies (a dead letter names its source by it), and no
     * producer sends it on (Camel headers are filtered out).
     */
    static final String SQS_MESSAGE_ID = Sqs2Constants.MESSAGE_ID;
    static final String SQS_RECEIPT_HANDLE = Sqs2Constants.RECEIPT_HANDLE;
    /** Kinesis ({@code eda-kinesis:}): the stream, shard and sequence number of a consumed record, by camel-aws2-kinesis' names. */
    public static final String KINESIS_STREAM = "CamelAwsKinesisStreamName";
    public static final String KINESIS_SHARD = "CamelAwsKinesisShardId";
    public static final String KINESIS_SEQUENCE_NUMBER = "CamelAwsKinesisSequenceNumber";
    /** Kinesis: the partition key a record is sent with (camel-aws2-kinesis' name) and came with. */
    public static final String KINESIS_PARTITION_KEY = "CamelAwsKinesisPartitionKey";
    /** Kinesis: the consumer's {@link KinesisReceipt} of the batch a record belongs to. */
    public static final String KINESIS_RECEIPT = "CamelEdaKinesisReceipt";

    private static final String KAFKA_KEY = KafkaConstants.KEY;
    private static final String PULSAR_KEY = PulsarMessageHeaders.KEY;
    private static final String PULSAR_PROPERTIES = PulsarMessageHeaders.PROPERTIES;
    private static final String PULSAR_KEY_OUT = PulsarMessageHeaders.KEY_OUT;
    private static final String PULSAR_PROPERTIES_OUT = PulsarMessageHeaders.PROPERTIES_OUT;
    /** Handles of a consumed record that belong to its consumer and must not travel with a copy. */
    private static final String[] CONSUMER_HANDLES = {KafkaConstants.MANUAL_COMMIT, PulsarMessageHeaders.MESSAGE_RECEIPT,
        RabbitMqConstants.RECEIPT, KINESIS_RECEIPT};

    private BrokerHeaders() {
    }

    /** A header of a Kafka record (bytes) or a property of a Pulsar message (text), as text; null when absent. */
    public static String text(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null && message.getHeader(PULSAR_PROPERTIES) instanceof Map<?, ?> properties) {
            value = properties.get(name);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** The properties of a consumed Pulsar message, as text; empty for any other message. */
    public static Map<String, String> pulsarProperties(Message message) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (message.getHeader(PULSAR_PROPERTIES) instanceof Map<?, ?> received) {
            received.forEach((name, value) -> {
                if (value != null) {
                    properties.put(String.valueOf(name), String.valueOf(value));
                }
            });
        }
        return properties;
    }

    /**
     * Sets headers on a message to send both as headers (a Kafka producer sends them as record headers) and as
     * properties of a Pulsar message, keeping the properties already set.
     */
    @SuppressWarnings("unchecked")
    public static void setOutgoing(Message out, Map<String, String> headers) {
        headers.forEach(out::setHeader);
        Map<String, String> properties = new LinkedHashMap<>();
        if (out.getHeader(PULSAR_PROPERTIES_OUT) instanceof Map<?, ?> existing) {
            properties.putAll((Map<String, String>) existing);
        }
        properties.putAll(headers);
        out.setHeader(PULSAR_PROPERTIES_OUT, properties);
    }

    /** The key a consumed Kafka record or Pulsar message came with, from its recorded headers, or null. */
    public static String consumedKey(Map<String, String> headers) {
        String key = headers.getOrDefault(KAFKA_KEY, headers.get(PULSAR_KEY));
        return key != null ? key : headers.get(KINESIS_PARTITION_KEY);
    }

    /** Sets the key a Kafka or Pulsar producer sends the message with (its partition, its Key_Shared consumer). */
    public static void setKey(Message out, String key) {
        out.setHeader(KAFKA_KEY, key);
        out.setHeader(PULSAR_KEY_OUT, key);
        out.setHeader(KINESIS_PARTITION_KEY, key);
    }

    /**
     * Readies a consumed message to be sent on, with {@code added} headers: they are set as headers, and a Pulsar
     * message's properties (with {@code added}) and key become those its producer sends. A Kafka record's headers are
     * Camel headers already.
     */
    public static void forward(Message consumed, Map<String, String> added) {
        if (consumed.getHeader(PULSAR_TOPIC) != null) {
            Map<String, String> properties = pulsarProperties(consumed);
            properties.putAll(added);
            consumed.setHeader(PULSAR_PROPERTIES_OUT, properties);
            if (consumed.getHeader(PULSAR_KEY) != null) {
                consumed.setHeader(PULSAR_KEY_OUT, consumed.getHeader(PULSAR_KEY, String.class));
            }
        }
        added.forEach(consumed::setHeader);
    }

    /** The Kafka consumer's handle to commit the record's offset (manual commit), or null. */
    public static KafkaManualCommit kafkaCommit(Message record) {
        return record.getHeader(KafkaConstants.MANUAL_COMMIT) instanceof KafkaManualCommit commit ? commit : null;
    }

    /** The Pulsar consumer's handle to acknowledge the message (manual acknowledgement), or null. */
    public static PulsarMessageReceipt pulsarReceipt(Message record) {
        return record.getHeader(PulsarMessageHeaders.MESSAGE_RECEIPT) instanceof PulsarMessageReceipt receipt ? receipt : null;
    }

    /** The RabbitMQ consumer's handle to acknowledge the message or give it back to its queue, or null. */
    public static RabbitMqReceipt rabbitMqReceipt(Message record) {
        return record.getHeader(RabbitMqConstants.RECEIPT) instanceof RabbitMqReceipt receipt ? receipt : null;
    }

    /** The receipt handle of a message received from Amazon SQS, which deletes it from its queue, or null. */
    public static String sqsReceiptHandle(Message record) {
        return record.getHeader(SQS_RECEIPT_HANDLE, String.class);
    }

    /** The Kinesis consumer's receipt of the record's batch, or null. */
    public static KinesisReceipt kinesisReceipt(Message record) {
        return record.getHeader(KINESIS_RECEIPT) instanceof KinesisReceipt receipt ? receipt : null;
    }

    /** Takes the consumer's commit and acknowledgement handles off a copy of a record. */
    public static void removeConsumerHandles(Message copy) {
        for (String handle : CONSUMER_HANDLES) {
            copy.removeHeader(handle);
        }
    }
}
