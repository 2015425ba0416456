package io.edarouter.broker;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
        return handingOverEachPoll(component().getConsumer(kafkaProps));
    }

    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        return component().getBrokers(configuration);
    }

    /** {@code consumer}, but a poll after one that returned records returns none, at once. */
    static Consumer<?, ?> handingOverEachPoll(Consumer<?, ?> consumer) {
        return (Consumer<?, ?>) Proxy.newProxyInstance(PollBatchKafkaClientFactory.class.getClassLoader(),
                new Class<?>[] { Consumer.class }, new HandOverEachPoll(consumer));
    }

    private KafkaClientFactory component() {
        KafkaClientFactory configured = context == null ? null
                : context.getComponent("kafka", KafkaComponent.class).getKafkaClientFactory();
        return configured == null || configured instanceof PollBatchKafkaClientFactory ? new DefaultKafkaClientFactory()
                : configured;
    }

    private static final class HandOverEachPoll implements InvocationHandler {

        private final Consumer<?, ?> consumer;
        /** Only the consumer's own polling thread polls (a Kafka consumer is not thread-safe). */
        private boolean lastPollReturnedRecords;

        HandOverEachPoll(Consumer<?, ?> consumer) {
            this.consumer = consumer;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if ("poll".equals(method.getName()) && args != null && args.length == 1 && args[0] instanceof Duration) {
                if (lastPollReturnedRecords) {
                    lastPollReturnedRecords = false;
                    return ConsumerRecords.empty();
                }
                ConsumerRecords<?, ?> records = consumer.poll((Duration) args[0]);
                lastPollReturnedRecords = !records.isEmpty();
                return records;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "hand-over-each-poll " + consumer;
                };
            }
            try {
                return method.invoke(consumer, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
