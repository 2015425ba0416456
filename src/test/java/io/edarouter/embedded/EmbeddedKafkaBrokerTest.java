package io.edarouter.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "broker-test";

    @TempDir
    Path dataDir;

    @Test
    void recordSurvivesARestartOnTheSameDataDirectory() throws Exception {
        try (EmbeddedKafkaBroker broker = newBroker()) {
            broker.start();
            produce(broker.bootstrapServers(), "order-1", "created");
            assertThat(consumeAll(broker.bootstrapServers())).containsExactly("order-1=created");
        }

        try (EmbeddedKafkaBroker broker = newBroker()) {
            broker.start();
            assertThat(consumeAll(broker.bootstrapServers())).containsExactly("order-1=created");
        }
    }

    @Test
    void autoCreatedTopicsGetTheConfiguredPartitions() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(0).dataDir(dataDir).partitions(3).build()) {
            broker.start();
            produce(broker.bootstrapServers(), "k", "v");
            try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
                assertThat(consumer.partitionsFor(TOPIC)).hasSize(3);
            }
        }
    }

    @Test
    void argumentsMapToBuilderOptions() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.parseArguments(new String[] {
            "--port", "19092", "--controller-port", "19093", "--dir", "target/x", "--partitions", "2",
            "--property", "log.retention.ms=1000"}).build();

        assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(broker.controllerPort()).isEqualTo(19093);
        assertThat(broker.serverProperties())
                .containsEntry("num.partitions", "2")
                .containsEntry("log.retention.ms", "1000")
                .containsEntry("offsets.topic.replication.factor", "1");
    }

    private EmbeddedKafkaBroker newBroker() {
        return EmbeddedKafkaBroker.builder().port(0).dataDir(dataDir).partitions(1).build();
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
