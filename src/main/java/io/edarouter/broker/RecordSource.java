package io.edarouter.broker;

import java.util.Optional;

import org.apache.camel.Message;

/**
 * Where a consumed record came from: a Kafka topic, partition and offset, or a Pulsar topic and message id, a RabbitMQ
 * or Amazon SQS queue and message id, as the consumer's headers say. Dead letters carry it, an event's
 * {@code metadata.broker} records it, commits group by it.
 *
 * @param system    {@value #KAFKA}, {@value #PULSAR}, {@value #RABBITMQ}, {@value #SQS} or {@value #KINESIS}
 * @param topic     the topic (RabbitMQ, SQS: the queue's name; Kinesis: the stream)
 * @param partition Kafka: the partition
 * @param offset    Kafka: the offset
 * @param messageId Pulsar, RabbitMQ, SQS: the message id, as text; Kinesis: {@code shardId/sequenceNumber}
 */
public record RecordSource(String system, String topic, Integer partition, Long offset, String messageId) {

    public static final String KAFKA = "kafka";
    public static final String PULSAR = "pulsar";
    /** RabbitMQ: topic is the queue, offset the delivery tag, messageId the AMQP message id (else the delivery tag). */
    public static final String RABBITMQ = "rabbitmq";
    public static final String SQS = "sqs";
    public static final String KINESIS = "kinesis";

    /** The source of a record from a Kafka, Pulsar, RabbitMQ or SQS consumer; empty for any other message. */
    public static Optional<RecordSource> of(Message record) {
        if (record.getHeader(BrokerHeaders.KAFKA_TOPIC) != null) {
            return Optional.of(new RecordSource(KAFKA, record.getHeader(BrokerHeaders.KAFKA_TOPIC, String.class),
                    record.getHeader(BrokerHeaders.KAFKA_PARTITION, Integer.class),
                    record.getHeader(BrokerHeaders.KAFKA_OFFSET, Long.class), null));
        }
        if (record.getHeader(BrokerHeaders.PULSAR_TOPIC) != null) {
            return Optional.of(new RecordSource(PULSAR, record.getHeader(BrokerHeaders.PULSAR_TOPIC, String.class), null,
                    null, String.valueOf(record.getHeader(BrokerHeaders.PULSAR_MESSAGE_ID))));
        }
        if (record.getHeader(BrokerHeaders.RABBITMQ_QUEUE) != null) {
            Long deliveryTag = record.getHeader(BrokerHeaders.RABBITMQ_DELIVERY_TAG, Long.class);
            String messageId = record.getHeader(BrokerHeaders.RABBITMQ_MESSAGE_ID, String.class);
            return Optional.of(new RecordSource(RABBITMQ, record.getHeader(BrokerHeaders.RABBITMQ_QUEUE, String.class), null,
                    deliveryTag, messageId != null ? messageId : "delivery-tag " + deliveryTag));
        }
        if (record.getHeader(BrokerHeaders.SQS_RECEIPT_HANDLE) != null) {
            return Optional.of(new RecordSource(SQS, SqsAcknowledgement.queueName(record), null, null,
                    record.getHeader(BrokerHeaders.SQS_MESSAGE_ID, String.class)));
        }
        if (record.getHeader(BrokerHeaders.KINESIS_STREAM) != null) {
            // Kinesis: the stream as the topic, shard and sequence number as the message id
            return Optional.of(new RecordSource(KINESIS, record.getHeader(BrokerHeaders.KINESIS_STREAM, String.class), null,
                    null, record.getHeader(BrokerHeaders.KINESIS_SHARD) + "/"
                            + record.getHeader(BrokerHeaders.KINESIS_SEQUENCE_NUMBER)));
        }
        return Optional.empty();
    }

    public boolean isKafka() {
        return KAFKA.equals(system);
    }

    /** {@code topic partition/offset} (Kafka) or {@code topic messageId} (Pulsar, SQS), as log lines name a record. */
    @Override
    public String toString() {
        return topic + " " + (isKafka() ? partition + "/" + offset : messageId);
    }
}
