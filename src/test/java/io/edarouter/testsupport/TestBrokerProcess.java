package io.edarouter.testsupport;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A shared test broker in a process of its own, so a test can {@link #kill()} it like a crashed server and
 * {@link #restart()} it on the same ports and data.
 *
 * @param <S> the broker's own type
 */
public abstract class TestBrokerProcess<S extends TestBrokerProcess<S>> extends SharedTestServer<S> {

    private final Duration startTimeout;
    /** {@code target/<folder>/<random>}: the broker's configuration, log and data. */
    final Path runDir;
    /** Where the broker keeps its data, deleted when it stops for good. */
    final Path dataDir;
    /** The broker's process (set by the subclass's constructor), which writes its output to {@link #logFile()}. */
    ExternalProcess process;

    protected TestBrokerProcess(String name, String folder, Duration startTimeout) {
        super(name);
        this.startTimeout = startTimeout;
        this.runDir = ExternalProcess.newRunDirectory(folder);
        this.dataDir = runDir.resolve(ExternalProcess.DATA_DIR);
    }

    /** Whether the started process serves clients yet. */
    abstract boolean isReady() throws Exception;

    /** Kills the broker process with SIGKILL, like a crash, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Starts the broker again on the same ports and data (stopping it first if it runs). */
    public void restart() {
        process.stop(Duration.ofSeconds(30));
        start();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** The operating system's id of the broker process, e.g. for the benchmark to read its CPU time. */
    public long pid() {
        return process.pid();
    }

    @Override
    protected void start() {
        process.start(startTimeout, this::isReady);
    }

    @Override
    protected void stop() {
        process.destroyForcibly();
        ExternalProcess.deleteRecursively(dataDir);
    }
}
