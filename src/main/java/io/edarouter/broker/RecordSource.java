package io.edarouter.broker;

import java.util.Optional;

import org.apache.camel.Message;

/**
 * Where a consumed record came from: a Kafka topic, partition and offset, or a Pulsar topic and message id, or an
 * Amazon SQS queue and message id, as the consumer's headers say. Dead letters carry it, an event's {@code metadata.broker} records it, commits group by it.
 *
 * @param system    {@value #KAFKA}, {@value #PULSAR} or {@value #SQS}
 * @param topic     the topic (SQS: the queue's name)
 * @param partition Kafka: the partition
 * @param offset    Kafka: the offset
 * @param messageId Pulsar, SQS: the message id, as text
 */
public record RecordSource(String system, String topic, Integer partition, Long offset, String messageId) {

    public static final String KAFKA = "kafka";
    public static final String PULSAR = "pulsar";
    public static final String SQS = "sqs";

    /** The source of a record from a Kafka, Pulsar or SQS consumer; empty for any other message. */
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
        if (record.getHeader(BrokerHeaders.SQS_RECEIPT_HANDLE) != null) {
            return Optional.of(new RecordSource(SQS, SqsAcknowledgement.queueName(record), null, null,
                    record.getHeader(BrokerHeaders.SQS_MESSAGE_ID, String.class)));
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
