package io.edarouter.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * An in-process Apache Kafka broker in KRaft mode: one node (id 1) that is both broker and controller,
 * running the real Kafka server code. It is the router's embedded default and the broker of the tests.
 *
 * <p>{@link #start()} formats the data directory only when it holds no {@code meta.properties} yet, so a
 * second start on the same directory keeps the topics and records of the first one.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(0).dataDir(dir).build()) {
 *     broker.start();
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>{@link #main(String[])} runs it as a process of its own and prints {@value #READY_PREFIX}{@code host:port}
 * once it accepts connections.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The line {@link #main(String[])} prints, followed by {@code host:port}, once the broker is ready. */
    public static final String READY_PREFIX = "KAFKA READY ";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9092;
    public static final String DEFAULT_DATA_DIR = "./data/kafka";
    public static final int DEFAULT_PARTITIONS = 4;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final String host;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final Path dataDir;
    private final int partitions;
    private final Map<String, String> extraProperties;
    private final Duration startTimeout;
    private final Map<String, String> clientProperties;

    private int port;
    private int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.dataDir = builder.dataDir.toAbsolutePath().normalize();
        this.partitions = builder.partitions;
        this.extraProperties = Map.copyOf(builder.properties);
        this.startTimeout = builder.startTimeout;
        this.clientProperties = Map.copyOf(builder.clientProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory if needed, starts the server and waits until it answers an admin request.
     *
     * @throws IllegalStateException if it is already running or does not become ready within the start timeout
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("Kafka broker is already running on " + bootstrapServers());
        }
        port = requestedPort == 0 ? freePort(host) : requestedPort;
        controllerPort = requestedControllerPort == 0 ? freePort(host) : requestedControllerPort;
        KafkaConfig config = new KafkaConfig(serverProperties(), false);
        formatIfNeeded(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            shutDown(raftServer);
            throw e;
        }
        server = raftServer;
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Embedded Kafka broker ready on {} (data in {})", bootstrapServers(), dataDir);
    }

    /** {@code host:port} of the broker listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return host + ":" + (port != 0 ? port : requestedPort);
    }

    public String host() {
        return host;
    }

    /** The broker port; the one actually picked once started when the builder asked for 0. */
    public int port() {
        return port != 0 ? port : requestedPort;
    }

    /** The controller port; the one actually picked once started when the builder asked for 0. */
    public int controllerPort() {
        return controllerPort != 0 ? controllerPort : requestedControllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the server down and waits until it has stopped. Does nothing when it is not running. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        shutDown(stopping);
        LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers());
    }

    Properties serverProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", BROKER_LISTENER + "://" + host + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + port);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dataDir.toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.putAll(extraProperties);
        return props;
    }

    /**
     * Formats the storage unless the metadata log directory already holds a {@code meta.properties}: a
     * restart reuses the cluster, its topics and records. Directories come from the configuration, so a
     * {@code log.dirs} or {@code metadata.log.dir} given as an extra property is honoured.
     */
    private void formatIfNeeded(KafkaConfig config) {
        Path metadataDir = Paths.get(config.metadataLogDir());
        if (Files.exists(metadataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            LOG.debug("Kafka storage in {} is already formatted, reusing it", metadataDir);
            return;
        }
        List<String> directories = new ArrayList<>(CollectionConverters.asJava(config.logDirs()));
        if (!directories.contains(config.metadataLogDir())) {
            directories.add(config.metadataLogDir());
        }
        try {
            for (String directory : directories) {
                Files.createDirectories(Paths.get(directory));
            }
            // Formatter is the library behind kafka-storage.sh format; StorageTool itself may call Exit
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(directories)
                    .setIgnoreFormatted(true)
                    .run();
            LOG.debug("Formatted Kafka storage in {}", directories);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka data directories " + directories, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka storage in " + directories, e);
        }
    }

    private Properties adminProperties() {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        adminProps.putAll(clientProperties);
        return adminProps;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try (Admin admin = Admin.create(adminProperties())) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("Kafka broker on " + bootstrapServers()
                    + " did not become ready within " + startTimeout, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static void shutDown(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + host, e);
        }
    }

    /** Options of an {@link EmbeddedKafkaBroker}; every one has a default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int controllerPort;
        private Path dataDir = Paths.get(DEFAULT_DATA_DIR);
        private int partitions = DEFAULT_PARTITIONS;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private final Map<String, String> clientProperties = new java.util.LinkedHashMap<>();
        private long parentPid;

        private Builder() {
        }

        /** Host (or address) to bind and advertise; default {@value #DEFAULT_HOST}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Broker port; default {@value #DEFAULT_PORT}; 0 picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** Controller (KRaft quorum) port; default 0, a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /** Where the logs and metadata live; default {@value #DEFAULT_DATA_DIR}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Partitions of an auto-created topic ({@code num.partitions}); default {@value #DEFAULT_PARTITIONS}. */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** Any broker property; it wins over the defaults set here. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** How long {@link EmbeddedKafkaBroker#start()} waits for the broker; default 60 s. */
        /**
         * A setting of the client that checks the broker is ready, for a broker whose listener needs one
         * (TLS or SASL, set through {@link #property}).
         */
        public Builder clientProperty(String key, String value) {
            clientProperties.put(key, value);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            return port;
        }
    }

    /**
     * Runs the broker in this process until SIGTERM. Flags: {@code --host H --port N --controller-port N
     * --dir PATH --partitions N}, {@code --property key=value} (repeatable) and {@code --parent-pid PID} (stop
     * when that process ends, so a broker started by a test JVM never outlives it). Prints
     * {@value #READY_PREFIX}{@code host:port} to stdout once the broker accepts connections.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder builder;
        try {
            builder = parseArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: EmbeddedKafkaBroker [--host H] [--port N] [--controller-port N]"
                    + " [--dir PATH] [--partitions N] [--property key=value]... [--parent-pid PID]");
            System.exit(2);
            return;
        }
        if (builder.parentPid > 0) {
            exitWhenProcessEnds(builder.parentPid);
        }
        EmbeddedKafkaBroker broker = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                stopped.countDown();
            }
        }, "embedded-kafka-shutdown"));
        broker.start();
        System.out.println(READY_PREFIX + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    private static void exitWhenProcessEnds(long pid) {
        ProcessHandle parent = ProcessHandle.of(pid).orElse(null);
        if (parent == null) {
            System.err.println("Process " + pid + " is not running; not starting the broker");
            System.exit(1);
        }
        parent.onExit().thenRun(() -> {
            LOG.warn("Process {} ended, stopping the Kafka broker", pid);
            System.exit(0);
        });
    }

    static Builder parseArguments(String[] args) {
        Builder builder = builder();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--controller-port" -> builder.controllerPort(Integer.parseInt(value));
                case "--dir" -> builder.dataDir(Paths.get(value));
                case "--partitions" -> builder.partitions(Integer.parseInt(value));
                case "--property" -> {
                    int eq = value.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--property needs key=value, was " + value);
                    }
                    builder.property(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--parent-pid" -> builder.parentPid = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return builder;
    }
}
