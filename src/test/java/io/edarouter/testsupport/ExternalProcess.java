package io.edarouter.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A broker process started by a test: its output goes to a log file under {@code target/}, so a failed
 * start can be diagnosed, and its readiness is polled with a timeout.
 */
final class ExternalProcess {

    private static final int LOG_TAIL_LINES = 40;
    private static final String PID_FILE = "process.pid";
    private static final int LOWEST_PORT = 10_000;
    /** Where the kernel's ephemeral ports (the local ports of outgoing connections) begin; read once. */
    private static final int EPHEMERAL_FROM = ephemeralPortsFrom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** The data folder of a run, next to its log and pid files. */
    static final String DATA_DIR = "data";

    private final String name;
    private final ProcessBuilder builder;
    private final Path logFile;
    private Process process;
    private long logOffsetAtStart;

    ExternalProcess(String name, ProcessBuilder builder, Path logFile) {
        this.name = name;
        this.builder = builder;
        this.logFile = logFile;
    }

    /** Starts the process (appending to the log file) and waits until {@code ready} holds. */
    synchronized void start(Duration timeout, Callable<Boolean> ready) {
        launch();
        Process started = process;
        try {
            await(name + " ready")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .failFast(name + " exited before it was ready", () -> !started.isAlive())
                    .until(ready);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            destroyForcibly();
            throw new IllegalStateException(name + " did not become ready within " + timeout
                    + "; last lines of " + logFile + ":" + System.lineSeparator() + logTail(), e);
        }
    }

    /** Starts the process and waits until it exits by itself; SIGKILL if it has not within {@code timeout}. */
    synchronized int runToExit(Duration timeout) {
        launch();
        if (!waitForExit(timeout)) {
            destroyForcibly();
            throw new IllegalStateException(name + " did not exit within " + timeout + "; last lines of " + logFile
                    + ":" + System.lineSeparator() + logTail());
        }
        deletePidFile();
        return process.exitValue();
    }

    private void launch() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            logOffsetAtStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            Files.writeString(logFile, "==== " + Instant.now() + " starting " + commandLine() + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ", see " + logFile, e);
        }
        writePidFile(process);
    }

    /** The command, with a class path shortened: the log shows what ran, not hundreds of jars. */
    private String commandLine() {
        List<String> command = new ArrayList<>(builder.command());
        int cp = command.indexOf("-cp");
        if (cp >= 0 && cp + 1 < command.size()) {
            command.set(cp + 1, "<class path of the test JVM>");
        }
        return String.join(" ", command);
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits until the process is gone. */
    synchronized void destroyForcibly() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
        deletePidFile();
    }

    /** SIGTERM, waits up to {@code grace}, then SIGKILL. */
    synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(grace)) {
            destroyForcibly();
        }
        deletePidFile();
    }

    private Path pidFile() {
        return logFile.resolveSibling(PID_FILE);
    }

    /** pid, owner (this JVM) and start time: enough to recognise an orphan later, and not a recycled pid. */
    private void writePidFile(Process started) {
        String startTime = started.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.writeString(pidFile(), started.pid() + " " + ProcessHandle.current().pid() + " " + startTime,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            // only used to clean up after a crashed test JVM
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Kills the processes that earlier test JVMs started under {@code target/<folder>/} and could not stop
     * (a JVM killed before its shutdown hooks ran), as recorded in their pid files; never one whose test JVM
     * still runs.
     */
    static void killLeftovers(String folder) {
        Path root = Path.of(System.getProperty("basedir", "."), "target", folder);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> runs = Files.list(root)) {
            runs.map(run -> run.resolve(PID_FILE)).filter(Files::isRegularFile).forEach(ExternalProcess::killRecorded);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void killRecorded(Path pidFile) {
        try {
            String[] recorded = Files.readString(pidFile, StandardCharsets.UTF_8).trim().split(" ", 3);
            long pid = Long.parseLong(recorded[0]);
            long owner = Long.parseLong(recorded[1]);
            String startTime = recorded.length > 2 ? recorded[2] : "";
            if (ProcessHandle.of(owner).isPresent()) {
                return; // its test JVM still runs (a parallel fork): not a leftover
            }
            ProcessHandle.of(pid)
                    .filter(handle -> handle.info().startInstant().map(Instant::toString).orElse("").equals(startTime))
                    .ifPresent(handle -> {
                        handle.destroyForcibly();
                        handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                    });
            Files.deleteIfExists(pidFile);
            deleteRecursively(pidFile.resolveSibling(DATA_DIR));
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover process only costs memory, its ports are not ours any more
        }
    }

    Path logFile() {
        return logFile;
    }

    /** Whether the output of the current run (not of earlier runs) has a line containing {@code text}. */
    boolean outputContains(String text) throws IOException {
        return output().contains(text);
    }

    /** The output of the current run (the last one started), so far. */
    String output() throws IOException {
        if (!Files.exists(logFile)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(logOffsetAtStart);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /**
     * A port nobody listens on right now, on 127.0.0.1, below the kernel's ephemeral range and not handed out before
     * by this JVM. A port of the ephemeral range (what binding port 0 gives) can be taken by any outgoing connection
     * between this check and the server's own bind: in a clean clone's CI one of npm's downloads took kinesalite's.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, EPHEMERAL_FROM);
            if (bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST_PORT + ".." + (EPHEMERAL_FROM - 1) + " on 127.0.0.1");
    }

    /** Linux's {@code ip_local_port_range}, or its default start (32768) where it cannot be read. */
    private static int ephemeralPortsFrom() {
        int linuxDefault = 32_768;
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            int low = Integer.parseInt(range.trim().split("\\s+")[0]);
            return low > LOWEST_PORT + 1_000 ? low : linuxDefault;
        } catch (IOException | RuntimeException e) {
            return linuxDefault;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code target/<folder>/<random>}, the directory of one broker run. */
    static Path newRunDirectory(String folder) {
        return newRunDirectory(folder, "");
    }

    /** {@code target/<folder>/<prefix><random>}. */
    static Path newRunDirectory(String folder, String prefix) {
        String id = prefix + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Path.of(System.getProperty("basedir", "."), "target", folder, id).toAbsolutePath().normalize();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: it is under target/ and goes away with mvn clean
        }
    }
}
