package io.edarouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The router as a user runs it: a folder of its own with {@code application.properties} and a copy of the
 * project's {@code routes/}, and {@code java -jar target/eda-router.jar} started in that folder with no
 * arguments. A test sets keys in the file ({@link #property}), or the environment ({@link #environment}), then
 * {@link #start()}s it, {@link #kill()}s it like a crash (SIGKILL), {@link #stop()}s it like an operator
 * (SIGTERM, Ctrl-C) and starts it again on the same folder and data.
 *
 * <p>The folder is {@code target/it-user-folder/<name>-<random>/}; the router's output goes to {@code router.log}
 * there, its embedded data (if any) to {@code data/}. Unless a test sets them, the file gets a free
 * {@code camel.server.port} and {@code eda.embedded.kafka.port}, so routers of parallel runs do not collide.
 *
 * <p>The jar is the one {@code mvn package} builds ({@code mvn verify} packages it before the integration tests
 * run); {@code -Deda.it.router-jar=PATH} starts another one, e.g. a build of an older commit.
 */
public final class UserFolderRouter implements AutoCloseable {

    static final String FOLDER = "it-user-folder";
    private static final String JAR_PROPERTY = "eda.it.router-jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path folder;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private List<String> jvmOptions = RouterProcess.TEST_JVM_OPTIONS;
    private ExternalProcess process;

    private UserFolderRouter(String name, Path folder) {
        this.name = name;
        this.folder = folder;
        properties.put("camel.server.port", String.valueOf(ExternalProcess.freePort()));
        properties.put("eda.embedded.kafka.port", String.valueOf(ExternalProcess.freePort()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "router-" + name + "-kill"));
    }

    /** A new folder holding a copy of the project's {@code routes/} (nothing started yet). */
    public static UserFolderRouter inNewFolder(String name) {
        UserFolderRouter router = inEmptyFolder(name);
        copyRecursively(projectDir().resolve("routes"), router.folder.resolve("routes"));
        return router;
    }

    /** A new folder without routes (its {@code application.properties} gets only the free ports, unless a test sets keys). */
    public static UserFolderRouter inEmptyFolder(String name) {
        ExternalProcess.killLeftovers(FOLDER);
        return new UserFolderRouter(name, ExternalProcess.newRunDirectory(FOLDER, name + "-"));
    }

    /** Sets a key in the folder's {@code application.properties} (written at each start). */
    public UserFolderRouter property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public UserFolderRouter properties(Map<String, String> keys) {
        properties.putAll(keys);
        return this;
    }

    /** Sets an environment variable of the router process, e.g. {@code EDA_HTTP_TOKEN}. */
    public UserFolderRouter environment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Starts the JVM with these options instead of the tests' small heap ({@link RouterProcess#TEST_JVM_OPTIONS}). */
    public UserFolderRouter jvmOptions(List<String> options) {
        jvmOptions = List.copyOf(options);
        return this;
    }

    /** Writes {@code application.properties} and starts the router; returns once readiness answers UP. */
    public UserFolderRouter start() {
        launcher().start(START_TIMEOUT, this::isReady);
        return this;
    }

    /** Starts the router again on the same folder, file and data, after {@link #kill()} or {@link #stop()}. */
    public UserFolderRouter restart() {
        return start();
    }

    /** Starts the router for a run that is expected to end by itself (a refused start); returns its exit code. */
    public int runToExit(Duration timeout) {
        return launcher().runToExit(timeout);
    }

    /** SIGKILL, like a crash or a power cut of the process: nothing in flight is finished. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** SIGTERM, like Ctrl-C or an orchestrator, and waits until it has exited (SIGKILL after 30 s). */
    public void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Whether {@code GET /observe/health/ready} answers 200 now. */
    public boolean isReady() {
        try {
            return get("/observe/health/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(httpUrl(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public int httpPort() {
        return Integer.parseInt(properties.get("camel.server.port"));
    }

    /** {@code host:port} of the embedded Kafka broker, when the router runs on it (no brokers configured). */
    public String embeddedKafkaBootstrapServers() {
        return "127.0.0.1:" + properties.get("eda.embedded.kafka.port");
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + httpPort() + path;
    }

    /** The user's folder: the router's working directory. */
    public Path folder() {
        return folder;
    }

    public Path logFile() {
        return folder.resolve("router.log");
    }

    /** The output of the current (last started) run so far. */
    public String log() {
        try {
            return process == null ? "" : process.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the current run's output. */
    public List<String> logLines() {
        return log().lines().toList();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "router in " + folder;
    }

    private ExternalProcess launcher() {
        writeProperties();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().putAll(environment);
        if (isRunning()) {
            throw new IllegalStateException(this + " is already running");
        }
        // a new one per run: the command and environment may have changed, and the run's output starts here
        process = new ExternalProcess("router " + name, builder, logFile());
        return process;
    }

    private void writeProperties() {
        StringBuilder text = new StringBuilder("# written by ").append(getClass().getSimpleName()).append('\n');
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        try {
            Files.writeString(folder.resolve("application.properties"), text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as {@link java.util.Properties#load} reads it back: backslashes doubled. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY,
                projectDir().resolve("target").resolve("eda-router.jar").toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: these tests start the jar as users do. Build it"
                    + " with `mvn package -DskipTests` (`mvn verify` packages it before the integration tests run)"
                    + " or point -D" + JAR_PROPERTY + " at one.");
        }
        return jar;
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    private static void copyRecursively(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        }
    }
}
