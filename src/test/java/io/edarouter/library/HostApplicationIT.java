package io.edarouter.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * eda-router as a library in a Camel application that already runs: {@code src/it/embedding-host}, a camel-main
 * application with its own pom (Jackson pinned to an older version than Camel's, its own {@code log4j2.xml}, the Camel
 * modules it picks), built by Maven against this project installed into {@code target/embedding-repo} (by
 * maven-invoker-plugin's install, before the integration tests; the rest from this build's local repository, else Maven
 * Central, as a host resolves it), then run with the class path Maven resolved
 * for it. Its YAML route decodes with {@code eda-event}, filters with {@code event-pattern}, appends to and reads from
 * {@code eventstore:} on H2, and a store subscription feeds {@code eda-dispatch:}.
 *
 * <p>One build and one run serve every test: the host's output, class path and dependency tree are kept under
 * {@code target/embedding-host/}.
 */
class HostApplicationIT {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final long MAX_LIBRARY_JAR_BYTES = 5L * 1024 * 1024;
    private static final String HOST_MARKER = "[embedding-host] ";
    /** A line of eda-router's own console format ({@code src/app/resources/log4j2.properties}). */
    private static final Pattern ROUTER_LOG_LINE = Pattern.compile("^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");
    private static final Pattern STARTED_ROUTE = Pattern.compile("^.* Started (\\S+) \\(");
    /** Artifacts of the runnable application only: a host that did not ask for them must not get them. */
    private static final List<String> APPLICATION_ONLY = List.of("kafka_2.13-", "kafka-server-", "kafka-metadata-",
            "scala-library-", "vertx-core-", "camel-platform-http-", "camel-micrometer-prometheus-", "camel-http-");

    private static Path host;
    private static List<Path> classPath;
    private static String output;
    private static Set<Long> listeningSockets;
    private static final String BIG_ORDER = UUID.randomUUID().toString();
    private static final String SMALL_ORDER = UUID.randomUUID().toString();
    private static final String CANCELLED = UUID.randomUUID().toString();

    @BeforeAll
    static void buildAndRunTheHost() throws Exception {
        Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        host = project.resolve("target/embedding-host");
        deleteRecursively(host);
        copyRecursively(project.resolve("src/it/embedding-host"), host);
        Path settings = host.resolve("settings.xml");
        Files.writeString(settings, Files.readString(project.resolve("src/it/embedding-settings.xml"))
                .replace("@outerRepositoryUrl@", Path.of(required("eda.it.local-repository")).toUri().toString()));

        // -U: an artifact an earlier run did not find is looked for again, not remembered as missing
        int built = run(new ProcessBuilder(maven(), "-B", "-U",
                "-s", settings.toString(), "-Dmaven.repo.local=" + required("eda.it.embedding-repo"),
                "-Deda-router.version=" + required("eda.it.project-version"), "package"),
                host.resolve("build.log"), BUILD_TIMEOUT);
        assertThat(built).as("the host's Maven build (see %s)", host.resolve("build.log")).isZero();
        classPath = Stream.of(Files.readString(host.resolve("target/classpath.txt")).trim().split(File.pathSeparator))
                .map(Path::of).toList();

        // events the host's intake finds when it starts: two orders, one cancellation its pattern leaves out
        Path inbox = Files.createDirectories(host.resolve("inbox"));
        Files.writeString(inbox.resolve("1.json"), event(BIG_ORDER, "OrderCreated", "big", 250));
        Files.writeString(inbox.resolve("2.json"), event(SMALL_ORDER, "OrderCreated", "small", 20));
        Files.writeString(inbox.resolve("3.json"), event(CANCELLED, "OrderCancelled", "big", 250));

        String runClassPath = host.resolve("target/embedding-host-1.0.jar") + File.pathSeparator
                + Files.readString(host.resolve("target/classpath.txt")).trim();
        Path log = host.resolve("host.log");
        Process process = new ProcessBuilder(javaCommand(), "-cp", runClassPath, "example.host.HostMain")
                .directory(host.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("the host stored, read back and dispatched both orders").atMost(RUN_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the host exited", () -> !process.isAlive())
                    .until(() -> {
                        String out = Files.readString(log);
                        return out.contains("all streams hold 2 event(s)") && out.contains("audited " + BIG_ORDER)
                                && out.contains("audited " + SMALL_ORDER) && out.contains("big order " + BIG_ORDER);
                    });
        } catch (ConditionTimeoutException e) {
            // the tests below say what is missing, with the host's output
        } finally {
            listeningSockets = process.isAlive() ? ListeningSockets.of(process.pid()) : Set.of();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            output = Files.readString(log);
        }
        System.out.printf("embedding host: %d artifacts on its class path; dependency tree in %s%n",
                classPath.size(), host.resolve("target/dependency-tree.txt"));
    }

    @Test
    void hostRouteDecodesFiltersStoresReadsSubscribesAndDispatchesWithTheLibrary() {
        assertThat(output).as(output)
                .contains("appended to order-big at version 0", "appended to order-small at version 0")
                .contains("stream order-big holds 1 event(s)", "all streams hold 2 event(s)")
                .contains("big order " + BIG_ORDER, "audited " + BIG_ORDER + " of order-big",
                        "audited " + SMALL_ORDER + " of order-small")
                .doesNotContain("big order " + SMALL_ORDER)
                .doesNotContain(CANCELLED);
    }

    @Test
    void jacksonTheHostPinnedIsTheOneThatRuns() {
        String pinned = required("eda.it.embedding-jackson");
        assertThat(output).as(output).contains("Jackson databind " + pinned + ", core " + pinned);
        assertThat(classPath).map(path -> path.getFileName().toString())
                .filteredOn(name -> name.startsWith("jackson-"))
                .isNotEmpty().allMatch(name -> name.endsWith("-" + pinned + ".jar"));
    }

    @Test
    void hostLoggingConfigurationWinsAndTheLibraryShipsNone() throws IOException {
        // the host's pattern names each line's logger in full: the library's own loggers write through it
        assertThat(output.lines().filter(line -> line.startsWith(HOST_MARKER)))
                .as(output).anyMatch(line -> line.contains("Jackson databind"))
                .anyMatch(line -> line.contains(" io.edarouter."));
        assertThat(output.lines().filter(line -> ROUTER_LOG_LINE.matcher(line).find())).as(output).isEmpty();
        try (JarFile jar = new JarFile(libraryJar().toFile())) {
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.matches("(?i)(log4j2?|logback|simplelogger)[^/]*\\.(properties|xml|json|yaml)"));
        }
    }

    @Test
    void noHttpServerBrokerOrApiRouteStarts() {
        assertThat(listeningSockets).as("TCP sockets the host listens on").isEmpty();
        List<String> started = new ArrayList<>();
        output.lines().map(STARTED_ROUTE::matcher).filter(Matcher::find).forEach(m -> started.add(m.group(1)));
        assertThat(started).as(output)
                .containsExactlyInAnyOrder("host-intake", "host-audit-subscription", "host-big-orders", "host-audit");
        assertThat(classPath).map(path -> path.getFileName().toString())
                .noneMatch(name -> APPLICATION_ONLY.stream().anyMatch(name::startsWith));
    }

    @Test
    void hostResolvesTheSmallLibraryJarWithoutTheApplicationsFiles() throws IOException {
        Path library = libraryJar();
        assertThat(classPath).contains(library);
        assertThat(Files.size(library)).isLessThan(MAX_LIBRARY_JAR_BYTES);
        try (JarFile jar = new JarFile(library.toFile())) {
            assertThat(jar.getEntry("io/edarouter/store/camel/EventStoreComponent.class")).isNotNull();
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/component/eventstore")).isNotNull();
            // the fat jar's merged converter list names loaders of the application's dependencies: Camel refuses
            // to start where one is missing
            assertThat(jar.getEntry("META-INF/services/org/apache/camel/UberTypeConverterLoader")).isNull();
            assertThat(jar.stream().map(entry -> entry.getName()))
                    .noneMatch(name -> name.startsWith("org/apache/") || name.startsWith("kafka/"));
        }
    }

    /** The eda-router jar of the repository the host resolved from. */
    private static Path libraryJar() {
        String version = required("eda.it.project-version");
        return Path.of(required("eda.it.embedding-repo"), "io", "edarouter", "eda-router", version,
                "eda-router-" + version + ".jar");
    }

    private static String event(String eventId, String eventType, String orderId, int amount) {
        return """
                {"eventId": "%s", "eventType": "%s", "timestamp": "2024-01-01T00:00:00Z", "source": "shop",
                 "data": {"orderId": "%s", "amount": %d}}
                """.formatted(eventId, eventType, orderId, amount);
    }

    private static int run(ProcessBuilder builder, Path log, Duration timeout) throws Exception {
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.directory(host.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException(builder.command() + " did not finish within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** The Maven running this build (failsafe passes its home), else the one on the PATH. */
    private static String maven() {
        String home = System.getProperty("maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run through failsafe"
                    + " (mvn verify -Dit.test=HostApplicationIT), which sets it");
        }
        return value;
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The TCP sockets a process listens on (their inodes), from Linux's {@code /proc}: sockets in state LISTEN that it holds. */
    private static final class ListeningSockets {

        private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
        private static final String LISTEN = "0A";

        static Set<Long> of(long pid) throws IOException {
            Set<Long> held = new HashSet<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                        if (socket.matches()) {
                            held.add(Long.parseLong(socket.group(1)));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            }
            Set<Long> listening = new HashSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path path = Path.of(table);
                if (!Files.exists(path)) {
                    continue;
                }
                Files.readAllLines(path, StandardCharsets.US_ASCII).stream().skip(1).map(String::trim)
                        .map(line -> line.split("\\s+"))
                        .filter(columns -> columns.length > 9 && LISTEN.equals(columns[3]))
                        .map(columns -> Long.parseLong(columns[9]))
                        .filter(held::contains)
                        .forEach(listening::add);
            }
            return listening;
        }
    }
}
