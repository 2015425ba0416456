package io.edarouter.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer answers the poll after one that returned records with none, without asking the broker (so
 * camel-kafka's batching consumer hands those records over at once), and is the Kafka consumer for everything else.
 */
class PollBatchKafkaClientFactoryTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);
    private static final Duration POLL = Duration.ofMillis(10);

    @Test
    void thePollAfterRecordsReturnsNoneWithoutTakingTheNextRecords() {
        MockConsumer<String, String> kafka = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        kafka.assign(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
        @SuppressWarnings("unchecked")
        Consumer<String, String> consumer = (Consumer<String, String>) PipelineConsumer.wrap(kafka);

        kafka.addRecord(record(0));
        assertThat(consumer.poll(POLL).count()).isEqualTo(1);

        kafka.addRecord(record(1));
        assertThat(consumer.poll(POLL).isEmpty()).as("the hand-over poll").isTrue();
        assertThat(consumer.poll(POLL).records(PARTITION)).extracting(ConsumerRecord::offset).containsExactly(1L);

        // an empty real poll is followed by a real one
        assertThat(consumer.poll(POLL).isEmpty()).isTrue();
        kafka.addRecord(record(2));
        assertThat(consumer.poll(POLL).records(PARTITION)).extracting(ConsumerRecord::offset).containsExactly(2L);
    }

    @Test
    void everythingButPollIsTheKafkaConsumers() {
        MockConsumer<String, String> kafka = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        kafka.assign(List.of(PARTITION));
        Consumer<?, ?> consumer = PipelineConsumer.wrap(kafka);

        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(7)));

        assertThat(kafka.committed(Set.of(PARTITION)).get(PARTITION).offset()).isEqualTo(7);
        assertThat(consumer.assignment()).containsExactly(PARTITION);
        assertThat(consumer).isEqualTo(consumer).isNotEqualTo(kafka);
        assertThat(consumer.hashCode()).isEqualTo(System.identityHashCode(consumer));
    }

    @Test
    void theKafkaComponentsOwnClientFactoryMakesTheClients() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            MockConsumer<String, String> made = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
            context.getComponent("kafka", KafkaComponent.class).setKafkaClientFactory(new DefaultKafkaClientFactory() {
                @Override
                public Consumer getConsumer(Properties kafkaProps) {
                    return made;
                }

                @Override
                public String getBrokers(KafkaConfiguration configuration) {
                    return "host's brokers";
                }
            });
            KafkaEndpoint endpoint = context.getEndpoint(
                    "kafka:orders?kafkaClientFactory=#class:io.edarouter.broker.PollBatchKafkaClientFactory", KafkaEndpoint.class);
            context.start();

            assertThat(endpoint.getKafkaClientFactory()).isInstanceOf(PollBatchKafkaClientFactory.class);
            assertThat(endpoint.getKafkaClientFactory().getBrokers(endpoint.getConfiguration())).isEqualTo("host's brokers");
            Consumer<?, ?> consumer = endpoint.getKafkaClientFactory().getConsumer(new Properties());
            consumer.assign(List.of(PARTITION));
            assertThat(made.assignment()).containsExactly(PARTITION);
        }
    }

    private static ConsumerRecord<String, String> record(long offset) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, "k", "v" + offset);
    }
}
