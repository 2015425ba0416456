package io.edarouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Pulsar broker of the integration tests: the real Pulsar standalone ({@code bin/pulsar standalone -nfw -nss})
 * from the distribution the build unpacks (system property {@value #PULSAR_HOME_PROPERTY}), in a process of its own.
 * One per test JVM, shared by the test classes that ask for it:
 * <pre>{@code @RegisterExtension
 * static final PulsarTestBroker pulsar = PulsarTestBroker.shared();}</pre>
 * A test that crashes the broker asks for one of its own instead, {@link Dedicated @Dedicated PulsarTestBroker broker}.
 *
 * <p>It runs on a copy of {@code conf/standalone.conf} bound to 127.0.0.1 with the broker and web service on free
 * ports, so it never takes the router's 8080 nor a real broker's 6650. Standalone 4.0 keeps its metadata in RocksDB
 * (no ZooKeeper port) and its one bookie picks a free port on first start and keeps it in its data. Data and the
 * log ({@code standalone.log}) go to {@code target/it-pulsar/<run>/}.
 */
public final class PulsarTestBroker extends TestBrokerProcess<PulsarTestBroker> implements AutoCloseable {

    public static final String PULSAR_HOME_PROPERTY = "pulsar.home";
    /** The namespace that standalone creates, where the tests' topics live. */
    public static final String TOPICS = "persistent://public/default/";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String PULSAR_MEM = "-Xms256m -Xmx1g -XX:MaxDirectMemorySize=1g";

    private static PulsarTestBroker shared;

    private final int brokerPort;
    private final int webPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PulsarTestBroker(Path pulsarHome, boolean durable) {
        super(durable ? "pulsar-dedicated-broker" : "pulsar-test-broker", "it-pulsar", START_TIMEOUT);
        this.brokerPort = ExternalProcess.freePort();
        this.webPort = ExternalProcess.freePort();
        Path config = writeConfig(pulsarHome, runDir.resolve("standalone.conf"), durable);
        ProcessBuilder builder = new ProcessBuilder(
                // through bash: the unpacked script may have lost its exec bit
                "bash", pulsarHome.resolve("bin/pulsar").toString(), "standalone",
                "--no-functions-worker", "--no-stream-storage",
                "--config", config.toString(),
                "--metadata-dir", dataDir.resolve("metadata").toString(),
                "--bookkeeper-dir", dataDir.resolve("bookkeeper").toString())
                .directory(runDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PULSAR_MEM", PULSAR_MEM);
        env.put("PULSAR_LOG_DIR", runDir.resolve("logs").toString());
        env.put("PULSAR_STANDALONE_CONF", config.toString());
        this.process = new ExternalProcess("Pulsar standalone", builder, runDir.resolve("standalone.log"));
    }

    /** The broker every test class of this JVM shares; the first class that runs starts it (about 10 s). */
    public static synchronized PulsarTestBroker shared() {
        if (shared == null) {
            ExternalProcess.killLeftovers("it-pulsar");
            shared = new PulsarTestBroker(pulsarHome(), false);
        }
        return shared;
    }

    /**
     * A broker of the caller's own, started, durable (journal fsynced before acknowledging), for a test that crashes
     * it: a standalone killed with SIGKILL sometimes comes back unable to recover a ledger, which must not spill into
     * the other tests' shared broker. {@link #close()} stops it and deletes its data.
     */
    public static PulsarTestBroker dedicated() {
        return new PulsarTestBroker(pulsarHome(), true).started();
    }

    /**
     * On a test method's parameter of this type: a {@link #dedicated()} broker for that test alone, started before it
     * and stopped after it, so the other tests of its class do not pay for it.
     */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ExtendWith(DedicatedBrokerResolver.class)
    public @interface Dedicated {
    }

    static final class DedicatedBrokerResolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == PulsarTestBroker.class
                    && parameter.isAnnotated(Dedicated.class);
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            PulsarTestBroker broker = dedicated();
            // the test's own context closes its store, and with it the broker, once the test is over
            context.getStore(ExtensionContext.Namespace.create(PulsarTestBroker.class, parameter.getIndex()))
                    .put(Dedicated.class, broker);
            return broker;
        }
    }

    /** The full name of the topic {@code name} in standalone's default namespace. */
    public static String topic(String name) {
        return TOPICS + name;
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code pulsar://127.0.0.1:port}, for clients. */
    public String serviceUrl() {
        return "pulsar://127.0.0.1:" + brokerPort;
    }

    /** {@code http://127.0.0.1:port}, the admin REST API. */
    public String adminUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    /** The subscription's backlog (messages not acknowledged), from the admin API's topic stats. */
    public long backlog(String topic, String subscription) throws IOException, InterruptedException {
        return topicStats(topic).path("subscriptions").path(subscription).path("msgBacklog").asLong(-1);
    }

    /** The consumers of all the topic's subscriptions, from the admin API's topic stats. */
    public int consumers(String topic) throws IOException, InterruptedException {
        int consumers = 0;
        for (JsonNode subscription : topicStats(topic).path("subscriptions")) {
            consumers += subscription.path("consumers").size();
        }
        return consumers;
    }

    private JsonNode topicStats(String topic) throws IOException, InterruptedException {
        String path = topic.replace("persistent://", "/admin/v2/persistent/") + "/stats";
        HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl() + path)).timeout(Duration.ofSeconds(10)).build();
        return new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }


    /**
     * Admin API answers, the default namespace that standalone creates exists, and a persistent topic can be created
     * (its ledger needs the bookie, which registers after the broker answers; until then topics fail to load).
     */
    @Override
    boolean isReady() throws IOException, InterruptedException {
        return httpStatus("GET", "/admin/v2/clusters") == 200
                && httpStatus("GET", "/admin/v2/namespaces/public/default") == 200
                && httpStatus("PUT", "/admin/v2/persistent/public/default/ready-check-" + System.nanoTime()) == 204;
    }

    private int httpStatus(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(adminUrl() + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Standalone's configuration, on this broker's ports; a durable one fsyncs its journal before it acknowledges
     * ({@code journalSyncData}, off in the shipped standalone.conf), as a production bookie does, so what a SIGKILL
     * interrupts is what was never acknowledged.
     */
    private Path writeConfig(Path pulsarHome, Path target, boolean durable) {
        Map<String, String> overrides = new java.util.HashMap<>(Map.of(
                "brokerServicePort", String.valueOf(brokerPort),
                "webServicePort", String.valueOf(webPort),
                "bindAddress", "127.0.0.1",
                "advertisedAddress", "127.0.0.1"));
        if (durable) {
            overrides.put("journalSyncData", "true");
        }
        try {
            List<String> lines = Files.readAllLines(pulsarHome.resolve("conf/standalone.conf"), StandardCharsets.UTF_8);
            List<String> config = lines.stream()
                    .map(line -> {
                        int eq = line.indexOf('=');
                        String key = eq > 0 && !line.startsWith("#") ? line.substring(0, eq).trim() : null;
                        return key != null && overrides.containsKey(key) ? key + "=" + overrides.get(key) : line;
                    })
                    .collect(Collectors.toList());
            Files.write(target, config, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Pulsar test configuration " + target, e);
        }
    }

    private static Path pulsarHome() {
        String home = System.getProperty(PULSAR_HOME_PROPERTY);
        if (home == null || !Files.isRegularFile(Path.of(home, "bin", "pulsar"))) {
            throw new IllegalStateException("No Pulsar distribution at " + PULSAR_HOME_PROPERTY + "=" + home
                    + ". Run the tests through 'mvn verify' (it unpacks Pulsar into target/pulsar and sets the"
                    + " property), or pass -D" + PULSAR_HOME_PROPERTY + "=<unpacked apache-pulsar-x.y.z>.");
        }
        return Path.of(home).toAbsolutePath();
    }

}
