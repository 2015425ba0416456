package io.edarouter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.testsupport.PostgresTestDatabase;

/**
 * CPU time of the processes a contender keeps busy, from the operating system ({@code /proc/<pid>/stat}, user plus
 * system time, in clock ticks): the contender's own process, the broker's, and the PostgreSQL backends serving the
 * contender's database (the database's sessions when first sampled, except the benchmark's own, which connect as
 * {@value #BENCH_APPLICATION}). Read at the start and the end of a contender's timed window; the difference over the
 * events counted in the window is its CPU per event.
 */
final class CpuMeter {

    /** The application name of the benchmark's own connections, left out of the PostgreSQL share. */
    static final String BENCH_APPLICATION = "eda-bench";
    private static final long TICK_NANOS = 1_000_000_000L / clockTicksPerSecond();

    /**
     * CPU nanoseconds used so far by the contender, the broker, the database's backends (-1: unknown) and this JVM
     * (the benchmark's watchers, or the in-process contender).
     */
    record Sample(long contender, long broker, Map<Long, Long> postgres, long bench, long contenderJit) {
    }

    /** CPU per event over a window, µs (NaN: unknown). */
    record PerEvent(double contender, double broker, double postgres, double bench, double jit) {

        static final PerEvent NONE = new PerEvent(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** The contender's figure less the benchmark's own share (its watchers), for contenders in this JVM. */
        PerEvent lessHarness(double harness) {
            return new PerEvent(Double.isNaN(harness) ? contender : contender - harness, broker, postgres, bench, jit);
        }
    }

    private final long contenderPid;
    private final long brokerPid;
    private final String jdbcUrl;
    private volatile List<Long> backends;

    CpuMeter(long contenderPid, long brokerPid, String jdbcUrl) {
        this.contenderPid = contenderPid;
        this.brokerPid = brokerPid;
        this.jdbcUrl = jdbcUrl;
    }

    /** A meter of this JVM, for the contenders that run in it. */
    static CpuMeter ofThisJvm(long brokerPid, String jdbcUrl) {
        return new CpuMeter(ProcessHandle.current().pid(), brokerPid, jdbcUrl);
    }

    Sample sample() {
        if (backends == null) {
            backends = backends(jdbcUrl);
        }
        Map<Long, Long> postgres = new HashMap<>();
        for (long pid : backends) {
            long nanos = cpuNanos(pid);
            if (nanos >= 0) {
                postgres.put(pid, nanos);
            }
        }
        return new Sample(cpuNanos(contenderPid), brokerPid < 0 ? -1 : treeCpuNanos(brokerPid), postgres,
                cpuNanos(ProcessHandle.current().pid()), jitNanos(contenderPid));
    }

    static PerEvent perEvent(Sample from, Sample to, long events) {
        if (from == null || to == null || events <= 0) {
            return PerEvent.NONE;
        }
        long postgres = 0;
        for (Map.Entry<Long, Long> backend : to.postgres().entrySet()) {
            postgres += backend.getValue() - from.postgres().getOrDefault(backend.getKey(), 0L);
        }
        return new PerEvent(micros(from.contender(), to.contender(), events), micros(from.broker(), to.broker(), events),
                to.postgres().isEmpty() ? Double.NaN : postgres / 1e3 / events, micros(from.bench(), to.bench(), events),
                micros(from.contenderJit(), to.contenderJit(), events));
    }

    private static double micros(long from, long to, long events) {
        return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e3 / events;
    }

    /** utime + stime of a process, ns; -1 when it cannot be read (gone, not Linux). */
    static long cpuNanos(long pid) {
        try {
            return statNanos(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a {@code stat} file of {@code /proc} (a process's or a thread's), ns. */
    private static long statNanos(Path stat) throws IOException {
        String text = Files.readString(stat, StandardCharsets.US_ASCII);
        // fields after the command name, which is in parentheses and may hold spaces: state is field 3
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
    }

    /**
     * The JIT compiler threads' share of a JVM's CPU ({@code C1 CompilerThre}, {@code C2 CompilerThre} in
     * {@code /proc/<pid>/task/<tid>/comm}), ns; -1 when it cannot be read. A JVM a few tens of seconds old still
     * compiles: this is the part of its CPU that a long-running one no longer spends.
     */
    static long jitNanos(long pid) {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            long total = 0;
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII);
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        total += statNanos(task.resolve("stat"));
                    }
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A process and its descendants (a broker's start script and its JVM), ns; -1 when the process is gone. */
    private static long treeCpuNanos(long pid) {
        long total = cpuNanos(pid);
        if (total < 0) {
            return -1;
        }
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            total += Math.max(0, cpuNanos(child.pid()));
        }
        return total;
    }

    /** The server pids of the sessions on the URL's database, except the benchmark's own. */
    private static List<Long> backends(String jdbcUrl) {
        List<Long> pids = new ArrayList<>();
        if (jdbcUrl == null) {
            return pids;
        }
        PostgresTestDatabase postgres = PostgresTestDatabase.shared();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.user(), postgres.password());
                PreparedStatement select = connection.prepareStatement("SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND application_name <> ?")) {
            select.setString(1, BENCH_APPLICATION);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            ThroughputBenchmark.log("cannot list the PostgreSQL backends of %s: %s", jdbcUrl, e.getMessage());
        }
        return pids;
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100; // USER_HZ on every Linux this runs on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
