package io.edarouter.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.edarouter.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka broker of the integration tests: an {@link EmbeddedKafkaBroker} in a JVM of its own, so a test
 * can {@link #kill()} it like a crashed server and {@link #restart()} it on the same ports and data.
 * One per test JVM, shared by the test classes that ask for it:
 * <pre>{@code @RegisterExtension
 * static final KafkaTestBroker kafka = KafkaTestBroker.shared();}</pre>
 *
 * <p>Its output goes to {@code target/it-kafka/<run>/broker.log}.
 */
public final class KafkaTestBroker extends TestBrokerProcess<KafkaTestBroker> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String MAX_HEAP = "-Xmx512m";

    private static KafkaTestBroker shared;

    private final int port;
    private final int controllerPort;

    private KafkaTestBroker() {
        super("kafka-test-broker", "it-kafka", START_TIMEOUT);
        this.port = ExternalProcess.freePort();
        this.controllerPort = ExternalProcess.freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                java.toString(), MAX_HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                EmbeddedKafkaBroker.class.getName(),
                "--port", String.valueOf(port),
                "--controller-port", String.valueOf(controllerPort),
                "--dir", dataDir.toString(),
                "--partitions", "4",
                "--property", "offsets.topic.num.partitions=4",
                // after kill() the controller keeps the dead incarnation registered until its session
                // expires (9 s by default); a short session makes restart() after a crash quick
                "--property", "broker.session.timeout.ms=2000",
                "--property", "broker.heartbeat.interval.ms=500",
                "--parent-pid", String.valueOf(ProcessHandle.current().pid()))
                .directory(runDir.toFile());
        this.process = new ExternalProcess("Kafka test broker", builder, runDir.resolve("broker.log"));
    }

    /** The broker every test class of this JVM shares; the first class that runs starts it. */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            ExternalProcess.killLeftovers("it-kafka");
            shared = new KafkaTestBroker();
        }
        return shared;
    }

    /** {@code 127.0.0.1:port}; stays the same across {@link #kill()} and {@link #restart()}. */
    public String bootstrapServers() {
        return EmbeddedKafkaBroker.DEFAULT_HOST + ":" + port;
    }

    /** Plain Kafka clients on this broker. */
    public KafkaTopics topics() {
        return new KafkaTopics(bootstrapServers());
    }

    /** Creates a topic with the given partitions; an existing topic is left as is. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
    }

    /** The sum of the consumer group's committed offsets over its partitions: the records it has finished. */
    public long committedOffsets(String group) throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** How many members of the consumer group have partitions assigned. */
    public long membersWithPartitions(String group) throws Exception {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members()
                    .stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }


    @Override
    boolean isReady() throws IOException {
        return process.outputContains(EmbeddedKafkaBroker.READY_PREFIX + bootstrapServers());
    }
}
