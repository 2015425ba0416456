package io.edarouter.broker;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes a batch of the pipeline's Kafka input what one poll returned, handed to the route at once. camel-kafka's
 * batching consumer (4.18) keeps a poll's records and hands them over only at its next poll, once
 * {@code batchingIntervalMs} has passed or that poll came back empty after {@code pollTimeoutMs}: every record then
 * waits a whole further cycle of the consumer (the previous batch's store and dispatch, or an idle poll). The
 * consumers this factory makes answer the poll after one that returned records with no records at once, without
 * asking the broker; with {@code batchingIntervalMs=0} that empty poll hands the kept records over. So the route gets
 * each poll's records (up to {@code maxPollRecords}) right after the poll, as a hand-written poll loop would, and no
 * records are kept across a real poll (nor a rebalance inside it).
 *
 * <p>The consumer also lets the pipeline store a batch on another thread than the one that polled it, as
 * {@code eda-batch:} does when it reads the topic itself ({@link PipelineConsumer}): commits from other threads are
 * made by the polling thread, a failed batch's partitions are read again from it with nothing after it stored
 * first, and a rebalance waits for the batches of the partitions it takes away.
 *
 * <p>Everything else is the Kafka component's own client factory (the default, or one the host configured), so its
 * brokers and security settings hold. Use as the endpoint option
 * {@code kafkaClientFactory=#class:io.edarouter.broker.PollBatchKafkaClientFactory}.
 */
public final class PollBatchKafkaClientFactory implements KafkaClientFactory, CamelContextAware {

    private CamelContext context;

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public Producer getProducer(Properties kafkaProps) {
        return component().getProducer(kafkaProps);
    }

    @Override
    public Consumer getConsumer(Properties kafkaProps) {
        return PipelineConsumer.wrap(component().getConsumer(kafkaProps));
    }

    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        return component().getBrokers(configuration);
    }

    private KafkaClientFactory component() {
        KafkaClientFactory configured = context == null ? null
                : context.getComponent("kafka", KafkaComponent.class).getKafkaClientFactory();
        return configured == null || configured instanceof PollBatchKafkaClientFactory ? new DefaultKafkaClientFactory()
                : configured;
    }
}
