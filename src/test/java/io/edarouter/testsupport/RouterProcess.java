package io.edarouter.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edarouter.Application;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The router in a JVM of its own, as {@code java -jar} runs it (defaults, {@code ./application.properties},
 * {@code ./routes/} of the project folder), with test overrides as {@code --KEY=VALUE}: so a test can
 * {@link #kill()} it like a crash (SIGKILL) or {@link #stop()} it like an operator (SIGTERM), and start it again.
 * A test starts one of its own with {@link #start}, or a test class shares one, started (with the run's servers)
 * before its tests and stopped after them:
 * {@code @RegisterExtension static final RouterProcess router = RouterProcess.forClass(name, RouterRun.onKafka());}
 *
 * <p>Its output goes to {@code target/it-router/<run>/router.log}.
 */
public final class RouterProcess implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final String STARTED = "(eda-router) started in";
    /** The JVM options of the tests: small, quick to start, not tuned for throughput. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final int httpPort;
    private final Path runDir;
    private final List<String> jvmOptions;
    private final RouterRun run;
    private ExternalProcess process;

    private RouterProcess(String name, RouterRun run, List<String> jvmOptions) {
        this.name = name;
        this.httpPort = ExternalProcess.freePort();
        this.runDir = ExternalProcess.newRunDirectory("it-router");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.run = run;
    }

    private ExternalProcess newProcess(Map<String, String> overrides) {
        Map<String, String> properties = RouterHarness.testKeys(httpPort);
        properties.put("eda.embedded.data-dir", runDir.resolve(ExternalProcess.DATA_DIR).toString());
        properties.putAll(overrides);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Application.class.getName()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("basedir", ".")).toAbsolutePath().toFile());
        return new ExternalProcess("router " + name, builder, logFile());
    }

    /** Starts a router with these keys overriding every other source, and waits until its routes run. */
    public static RouterProcess start(String name, Map<String, String> overrides) {
        return start(name, overrides, TEST_JVM_OPTIONS);
    }

    /**
     * Starts a router in a JVM with these options (e.g. {@code -Xmx512m} and the default GC and JIT, for a
     * benchmark) instead of {@link #TEST_JVM_OPTIONS}.
     */
    public static RouterProcess start(String name, Map<String, String> overrides, List<String> jvmOptions) {
        RouterProcess router = new RouterProcess(name, null, jvmOptions);
        router.startFirst(overrides);
        return router;
    }

    /** A router on the run's keys for the tests of the class that registers it (a static field). */
    public static RouterProcess forClass(String name, RouterRun run) {
        return new RouterProcess(name, run, TEST_JVM_OPTIONS);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        run.askForServers(context);
        startFirst(run.keys());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void startFirst(Map<String, String> overrides) {
        ExternalProcess.killLeftovers("it-router");
        process = newProcess(overrides);
        ExternalProcess started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "router-" + name + "-kill"));
        startProcess();
    }

    /** Starts the same router again (same keys and HTTP port), after {@link #kill()} or {@link #stop()}. */
    public void restart() {
        startProcess();
    }

    /** SIGKILL, like a crash: nothing in flight is finished or committed. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM, like an operator or an orchestrator, and waits until it has exited (SIGKILL after 30 s). */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The operating system's id of the running router process, e.g. to read {@code /proc/<pid>/status}. */
    public long pid() {
        return process.pid();
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public Path logFile() {
        return runDir.resolve("router.log");
    }

    /** Whether this run's log has a line containing {@code text}. */
    public boolean logContains(String text) {
        try {
            return process.outputContains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
    }

    private void startProcess() {
        process.start(START_TIMEOUT, () -> process.outputContains(STARTED));
    }

    @Override
    public String toString() {
        return "router " + name;
    }
}
