package io.edarouter.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.edarouter.testsupport.CapturedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;

/** A per-event condition is logged once per interval and summarised after it, on a clock the test moves. */
class ThrottledLogTest {

    private static final long INTERVAL = 30_000;

    private final String loggerName = "test.throttled." + UUID.randomUUID();
    private final CapturedLog captured = CapturedLog.of(loggerName);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Due> due = new ArrayList<>();
    private final ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(loggerName), Level.WARN,
            "events without customer", Duration.ofMillis(INTERVAL), now::get,
            (task, delay) -> due.add(new Due(now.get() + delay, task)));

    private record Due(long at, Runnable task) {
    }

    @AfterEach
    void stopCapturing() {
        captured.close();
    }

    @Test
    void aBurstIsOneLineWithItsIdsThenOneSummaryOnceTheIntervalIsOver() {
        for (int i = 0; i < 1000; i++) {
            log.occurred("event {} continues without customer: {}", "id-" + i, "no key");
            advanceBy(1);
        }
        assertThat(captured.lines()).containsExactly("WARN event id-0 continues without customer: no key");

        advanceTo(1_000_000 + INTERVAL);

        assertThat(captured.lines()).containsExactly("WARN event id-0 continues without customer: no key",
                "WARN events without customer: 999 more in the last 30 s");
    }

    @Test
    void aConditionThatLastsGivesTwoLinesPerIntervalAndEveryOccurrenceIsLoggedOrCounted() {
        int occurrences = 0;
        for (long t = 0; t < 95_000; t += 10) {
            advanceTo(1_000_000 + t);
            log.occurred("event {} continues without customer", "id-" + t);
            occurrences++;
        }
        advanceBy(INTERVAL);

        List<String> lines = captured.lines();
        assertThat(lines).hasSize(8); // at 0, 30, 60 and 90 s: the one logged in full, each followed by its summary
        long inFull = lines.stream().filter(line -> line.contains("continues without")).count();
        long summarised = lines.stream().filter(line -> line.contains("more in the last"))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".*: (\\d+) more.*", "$1"))).sum();
        assertThat(inFull + summarised).isEqualTo(occurrences);
    }

    @Test
    void occurrencesFarApartAreEachLoggedInFull() {
        for (int i = 0; i < 3; i++) {
            log.occurred("event {} dead-lettered", "id-" + i);
            advanceBy(INTERVAL + 1);
        }

        assertThat(captured.lines()).containsExactly("WARN event id-0 dead-lettered", "WARN event id-1 dead-lettered",
                "WARN event id-2 dead-lettered");
    }

    @Test
    void aLateTimerLosesNothing_theNextOccurrenceSummarisesThePreviousInterval() {
        log.occurred("event {}", "a");
        log.occurred("event {}", "b");
        now.addAndGet(INTERVAL + 5_000); // the timer has not run yet

        log.occurred("event {}", "c");
        advanceBy(0);

        assertThat(captured.lines()).containsExactly("WARN event a", "WARN events without customer: 1 more in the last 35 s",
                "WARN event c");
    }

    @Test
    void aThrowableGivenLastComesWithTheFirstLine() {
        log.occurred("append failed: {}", "boom", new IllegalStateException("boom"));

        assertThat(captured.lines()).containsExactly("WARN append failed: boom [thrown IllegalStateException]");
    }

    private void advanceBy(long millis) {
        advanceTo(now.get() + millis);
    }

    /** Moves the clock, running the timer's tasks that fall due on the way, in order. */
    private void advanceTo(long millis) {
        while (true) {
            Due next = due.stream().filter(d -> d.at() <= millis).min((a, b) -> Long.compare(a.at(), b.at())).orElse(null);
            if (next == null) {
                break;
            }
            due.remove(next);
            now.set(Math.max(now.get(), next.at()));
            next.task().run();
        }
        now.set(millis);
    }
}
