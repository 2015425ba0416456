package io.edarouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A router's keys on the shared test servers: Kafka (and Pulsar, {@link #onPulsar()}), a fresh PostgreSQL database
 * of its own, made when first asked for, and input, group and output topics named after the run's {@link #id()}, so
 * that runs never read each other's records. {@link #keys()} go to {@link RouterHarness}, {@link RouterProcess} or
 * {@link UserFolderRouter}. A test class asks for a run, and with it for the servers, as a JUnit extension:
 * <pre>{@code @RegisterExtension
 * static final RouterRun RUN = RouterRun.onKafka();   // one run for the class
 * @RegisterExtension
 * final RouterRun run = RouterRun.onKafka();          // a new run for each test}</pre>
 * or through {@link RouterHarness#forClass}. A run is a value: {@code with...} give a run with the same id and
 * database and more keys.
 */
public final class RouterRun implements BeforeAllCallback, BeforeEachCallback {

    private final String id;
    private final KafkaTestBroker kafka;
    private final PostgresTestDatabase postgres;
    private final PulsarTestBroker pulsar;
    private final Database database;
    private final Map<String, String> extra;

    private RouterRun(String id, KafkaTestBroker kafka, PostgresTestDatabase postgres, PulsarTestBroker pulsar,
            Database database, Map<String, String> extra) {
        this.id = id;
        this.kafka = kafka;
        this.postgres = postgres;
        this.pulsar = pulsar;
        this.database = database;
        this.extra = Map.copyOf(extra);
    }

    /** A new run on the shared Kafka broker and PostgreSQL. */
    public static RouterRun onKafka() {
        PostgresTestDatabase postgres = PostgresTestDatabase.shared();
        return new RouterRun(UUID.randomUUID().toString().substring(0, 8), KafkaTestBroker.shared(), postgres, null,
                new Database(postgres), Map.of());
    }

    /** A new run consuming from the shared Pulsar broker (Key_Shared) and dispatching to it. */
    public static RouterRun onPulsar() {
        return onKafka().withPulsar(PulsarTestBroker.shared());
    }

    /**
     * This run consuming from this Pulsar broker and dispatching to it; its topics are {@link PulsarTestBroker#topic}
     * of the names here.
     */
    public RouterRun withPulsar(PulsarTestBroker broker) {
        return new RouterRun(id, kafka, postgres, broker, database, extra);
    }

    /**
     * This run consuming its input queue from this RabbitMQ server and dispatching to it: the queue, the dead-letter
     * and subscriber exchanges are named as the topics here ({@link #input()}, ...) and deleted when the run ends.
     */
    public RouterRun withRabbitMq(RabbitMqTestBroker broker) {
        broker.deleteAtEnd(input(), deadLetter(), inventory(), fraudReview());
        return with(broker.keys());
    }

    /** This run with {@code key=value} added (or replacing the key's value). */
    public RouterRun with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** This run with these keys added (or replacing their values). */
    public RouterRun with(Map<String, String> keys) {
        Map<String, String> more = new LinkedHashMap<>(extra);
        more.putAll(keys);
        return new RouterRun(id, kafka, postgres, pulsar, database, more);
    }

    /**
     * This run with a short Kafka consumer session, for a test that kills a router: the consumer of a restarted (or
     * the surviving) router waits for the dead member's session to expire before it gets its partitions.
     */
    public RouterRun withShortKafkaSession() {
        return with(Map.of(
                "eda.ingest.kafka.session-timeout-ms", "6000",
                "eda.ingest.kafka.heartbeat-interval-ms", "1000"));
    }

    /** This run with a subscribers file ({@code eda.subscribers.file}) holding {@code yaml}. */
    public RouterRun withSubscribers(String yaml) {
        Path file = Path.of(System.getProperty("basedir", "."), "target", "it-subscribers", id, "subscribers.yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return with("eda.subscribers.file", file.toAbsolutePath().toString());
    }

    /** This run's database, reached through {@code proxy}: the router's store is cut off when the proxy is. */
    public RouterRun withStoreThrough(TcpProxy proxy) {
        return with("camel.component.eventstore.url", PostgresTestDatabase.throughProxy(jdbcUrl(), proxy));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        askForServers(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        askForServers(context);
    }

    /** Starts the run's servers (once per JVM) and has them stopped at the end of the run. */
    void askForServers(ExtensionContext context) {
        kafka.beforeAll(context);
        postgres.beforeAll(context);
        if (pulsar != null) {
            pulsar.beforeAll(context);
        }
    }

    /** The keys that point a router at this run's servers, database and topics. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("camel.component.kafka.brokers", kafka.started().bootstrapServers());
        keys.put("camel.component.eventstore.url", jdbcUrl());
        keys.put("camel.component.eventstore.username", postgres.user());
        keys.put("eda.input.topic", input());
        keys.put("eda.input.group", group());
        keys.put("eda.topic.inventory", inventory());
        keys.put("eda.topic.fraud-review", fraudReview());
        keys.put("eda.dead-letter.topic", deadLetter());
        if (pulsar != null) {
            keys.put("eda.pulsar.enabled", "true");
            keys.put("camel.component.pulsar.service-url", pulsar.started().serviceUrl());
        }
        keys.putAll(extra);
        return keys;
    }

    /** A few characters that make this run's names its own. */
    public String id() {
        return id;
    }

    public KafkaTestBroker kafka() {
        return kafka;
    }

    public PulsarTestBroker pulsar() {
        return pulsar;
    }

    public PostgresTestDatabase postgres() {
        return postgres;
    }

    /** The JDBC URL of this run's database (created on the first call). */
    public String jdbcUrl() {
        return database.url();
    }

    public String input() {
        return "order-events-" + id;
    }

    /** The Kafka consumer group, or the Pulsar subscription, of the router's input. */
    public String group() {
        return "router-" + id;
    }

    public String inventory() {
        return "inventory-events-" + id;
    }

    public String fraudReview() {
        return "fraud-review-" + id;
    }

    public String deadLetter() {
        return "eda-dead-letter-" + id;
    }

    /** A database made on first use, then the same for every copy of the run. */
    private static final class Database {

        private final PostgresTestDatabase postgres;
        private String url;

        Database(PostgresTestDatabase postgres) {
            this.postgres = postgres;
        }

        synchronized String url() {
            if (url == null) {
                url = postgres.newDatabase();
            }
            return url;
        }
    }
}
