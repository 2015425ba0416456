package io.edarouter.observe;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The log of a condition that can happen once per event (a lookup without a key, a dead letter, a failed
 * delivery): at the router's throughput a line per event is thousands a second, which buries the lines that matter
 * and costs more than the event. So the first occurrence is logged in full, with its ids; the ones that follow
 * within {@link #INTERVAL} are not logged, and once the interval is over one line says how many there were
 * ({@code "eda-enrich: events without customer: 999 more in the last 30 s"}). The next occurrence after that is
 * logged in full again: a condition that lasts gives two lines per interval.
 *
 * <p>How many there were is a counter's business: the caller increments its {@link EdaMeters} counter for each
 * occurrence, so {@code /observe/metrics} has the exact number. Pass a throwable as the last argument only for
 * what nobody expects: its stack trace comes with the first line.
 */
public final class ThrottledLog {

    /** Longest time between the lines of one condition. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    /** Runs a task later: the end of an interval, to summarise it even if nothing more happens. */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayMillis);
    }

    private final Logger log;
    private final Level level;
    private final String what;
    private final long intervalMillis;
    private final LongSupplier clockMillis;
    private final Timer timer;

    // guarded by this
    private boolean open;
    private long openedAt;
    private long unlogged;
    private boolean summaryDue;

    /**
     * @param what names the occurrences in the summary line, e.g. {@code "eda-enrich: events without customer"}
     */
    public ThrottledLog(Logger log, Level level, String what) {
        this(log, level, what, INTERVAL, System::currentTimeMillis, SharedTimer::schedule);
    }

    ThrottledLog(Logger log, Level level, String what, Duration interval, LongSupplier clockMillis, Timer timer) {
        this.log = log;
        this.level = level;
        this.what = what;
        this.intervalMillis = interval.toMillis();
        this.clockMillis = clockMillis;
        this.timer = timer;
    }

    /** One occurrence: logged with these arguments ({@code {}} placeholders) if it is the first of its interval. */
    public void occurred(String format, Object... arguments) {
        boolean first = false;
        long summary = 0;
        long elapsed = 0;
        long summaryIn = -1;
        synchronized (this) {
            long now = clockMillis.getAsLong();
            if (open && now - openedAt >= intervalMillis) {
                summary = unlogged;
                elapsed = now - openedAt;
                open = false;
            }
            if (!open) {
                open = true;
                openedAt = now;
                unlogged = 0;
                first = true;
            } else {
                unlogged++;
                if (!summaryDue) {
                    summaryDue = true;
                    summaryIn = openedAt + intervalMillis - now;
                }
            }
        }
        if (summary > 0) {
            logSummary(summary, elapsed);
        }
        if (first) {
            logInFull(format, arguments);
        }
        if (summaryIn >= 0) {
            timer.schedule(this::endOfInterval, summaryIn);
        }
    }

    /** Says how many were not logged, once the interval is over; the next occurrence is logged in full. */
    void endOfInterval() {
        long summary = 0;
        long elapsed = 0;
        long again = -1;
        synchronized (this) {
            summaryDue = false;
            long now = clockMillis.getAsLong();
            if (!open) {
                return;
            }
            if (now - openedAt < intervalMillis) {
                summaryDue = true;
                again = openedAt + intervalMillis - now;
            } else {
                summary = unlogged;
                elapsed = now - openedAt;
                open = false;
                unlogged = 0;
            }
        }
        if (again >= 0) {
            timer.schedule(this::endOfInterval, again);
        } else if (summary > 0) {
            logSummary(summary, elapsed);
        }
    }

    private void logInFull(String format, Object[] arguments) {
        if (arguments.length > 0 && arguments[arguments.length - 1] instanceof Throwable cause) {
            log.atLevel(level).setCause(cause).log(format, Arrays.copyOf(arguments, arguments.length - 1));
        } else {
            log.atLevel(level).log(format, arguments);
        }
    }

    private void logSummary(long count, long elapsedMillis) {
        log.atLevel(level).log("{}: {} more in the last {} s", what, count, Math.max(1, Math.round(elapsedMillis / 1000.0)));
    }

    /** One daemon thread for every summary of the JVM: a summary is a log line, nothing waits for it. */
    private static final class SharedTimer {

        private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        static void schedule(Runnable task, long delayMillis) {
            EXECUTOR.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "eda-log-summary");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
