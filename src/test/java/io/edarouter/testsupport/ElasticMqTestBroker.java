package io.edarouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Amazon SQS of the integration tests: ElasticMQ ({@code org.elasticmq:elasticmq-server_2.13}, an SQS-compatible
 * server, in-memory) in a JVM of its own on a free port, run from the test class path. One per test JVM, shared by
 * the test classes that ask for it:
 * <pre>{@code @RegisterExtension
 * static final ElasticMqTestBroker sqs = ElasticMqTestBroker.shared();}</pre>
 * {@link #routerKeys(String)} point a router's SQS input and its aws2-sqs endpoints at it; {@link #queues()} are plain
 * AWS SDK clients on it. Its output goes to {@code target/it-elasticmq/<run>/elasticmq.log}.
 */
public final class ElasticMqTestBroker extends TestBrokerProcess<ElasticMqTestBroker> {

    /** ElasticMQ takes any credentials; a real AWS SDK client still signs its requests with some. */
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String MAIN = "org.elasticmq.server.Main";

    private static ElasticMqTestBroker shared;

    private final int port;

    private ElasticMqTestBroker() {
        super("elasticmq-test-broker", "it-elasticmq", START_TIMEOUT);
        this.port = ExternalProcess.freePort();
        Path config = writeConfig(runDir.resolve("elasticmq.conf"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Dconfig.file=" + config, "-cp", System.getProperty("java.class.path"), MAIN)
                .directory(runDir.toFile());
        this.process = new ExternalProcess("ElasticMQ", builder, runDir.resolve("elasticmq.log"));
    }

    /** The server every test class of this JVM shares; the first class that runs starts it (a few seconds). */
    public static synchronized ElasticMqTestBroker shared() {
        if (shared == null) {
            ExternalProcess.killLeftovers("it-elasticmq");
            shared = new ElasticMqTestBroker();
        }
        return shared;
    }

    /** {@code http://127.0.0.1:port}: the SQS endpoint to override the AWS one with. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** An AWS SDK SQS client on this server (the caller closes it). */
    public SqsClient client() {
        return SqsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Queues on this server, through one client. */
    public SqsQueues queues() {
        return new SqsQueues(client());
    }

    /**
     * The keys that switch a router's SQS input on, consuming {@code queue} on this server, with its aws2-sqs
     * endpoints (dead letters, subscribers' queues) there too, and a short visibility timeout: a crashed router's
     * messages come back within seconds.
     */
    public Map<String, String> routerKeys(String queue) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("eda.sqs.enabled", "true");
        keys.put("eda.sqs.queue", queue);
        keys.put("eda.ingest.sqs.visibility-timeout", "5");
        keys.put("camel.component.aws2-sqs.region", REGION);
        keys.put("camel.component.aws2-sqs.override-endpoint", "true");
        keys.put("camel.component.aws2-sqs.uri-endpoint-override", endpoint());
        keys.put("camel.component.aws2-sqs.access-key", ACCESS_KEY);
        keys.put("camel.component.aws2-sqs.secret-key", SECRET_KEY);
        return keys;
    }

    private Path writeConfig(Path file) {
        String config = """
                include classpath("application.conf")
                node-address { protocol = http, host = "127.0.0.1", port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                rest-stats { enabled = false }
                generate-node-address = false
                aws { region = "%s", accountId = "000000000000" }
                """.formatted(port, port, REGION);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    @Override
    boolean isReady() {
        try (SqsClient client = client()) {
            client.listQueues();
            return true;
        }
    }
}
