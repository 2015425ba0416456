package io.edarouter.broker;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualSyncCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;

/**
 * Each record's commit handle (the consumer, the partition, the offset) for {@link KafkaAcknowledgement}, with
 * nothing committed by camel-kafka itself. With the {@code DefaultKafkaManualCommitFactory}, camel-kafka's consumer
 * that hands over one record at a time commits a partition's offsets once its records were handed over; the
 * pipeline's {@code eda-batch:} takes them into a queue, so that would commit records not yet stored. With any other
 * factory camel-kafka commits nothing, and the pipeline commits once a batch is stored and dispatched. Use as the
 * endpoint option {@code kafkaManualCommitFactory=#class:io.edarouter.broker.PipelineCommitFactory}, with
 * {@code allowManualCommit=true} and {@code autoCommitEnable=false}.
 */
public final class PipelineCommitFactory implements KafkaManualCommitFactory {

    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record, CommitManager commitManager) {
        return new DefaultKafkaManualSyncCommit(exchange, record, commitManager);
    }
}
