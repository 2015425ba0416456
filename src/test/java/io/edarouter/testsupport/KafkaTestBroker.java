package io.edarouter.testsupport;

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
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka broker of the integration tests: an {@link EmbeddedKafkaBroker} in a JVM of its own, so a test
 * can {@link #kill()} it like a crashed server and {@link #restart()} it on the same ports and data.
 * One per test JVM ({@link #shared()}), stopped when the JVM exits.
 *
 * <p>Its output goes to {@code target/it-kafka/<run>/broker.log}.
 */
public final class KafkaTestBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String MAX_HEAP = "-Xmx512m";

    private static KafkaTestBroker shared;

    private final int port;
    private final int controllerPort;
    private final Path runDir;
    private final Path dataDir;
    private final ExternalProcess process;

    private KafkaTestBroker() {
        this.port = ExternalProcess.freePort();
        this.controllerPort = ExternalProcess.freePort();
        this.runDir = ExternalProcess.newRunDirectory("it-kafka");
        this.dataDir = runDir.resolve(ExternalProcess.DATA_DIR);
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

    /** The broker shared by every test of this JVM, started on first use. */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            ExternalProcess.killLeftovers("it-kafka");
            KafkaTestBroker broker = new KafkaTestBroker();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stopAndDeleteData, "kafka-test-broker-stop"));
            broker.start();
            shared = broker;
        }
        return shared;
    }

    /** {@code 127.0.0.1:port}; stays the same across {@link #kill()} and {@link #restart()}. */
    public String bootstrapServers() {
        return EmbeddedKafkaBroker.DEFAULT_HOST + ":" + port;
    }

    /** Kills the broker process with SIGKILL, like a crash, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Starts the broker again on the same ports and data directory (stopping it first if it runs). */
    public void restart() {
        process.stop(Duration.ofSeconds(30));
        start();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Creates a topic with the given partitions; an existing topic is left as is. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + name, e);
        }
    }

    public Path logFile() {
        return process.logFile();
    }

    private void start() {
        process.start(START_TIMEOUT, () -> process.outputContains(EmbeddedKafkaBroker.READY_PREFIX + bootstrapServers()));
    }

    private void stopAndDeleteData() {
        process.destroyForcibly();
        ExternalProcess.deleteRecursively(dataDir);
    }
}
