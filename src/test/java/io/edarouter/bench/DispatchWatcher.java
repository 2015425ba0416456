package io.edarouter.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

/**
 * What arrives on one contender's dispatch topic, told record by record by a reader thread of the broker: the
 * distinct preloaded events seen (phase {@code load}), and for the paced events (phase {@code latency}) the time from
 * {@code data.sentAtMicros} to arrival, in a histogram of microseconds.
 */
final class DispatchWatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> loadIds = new HashSet<>();
    private final Set<String> latencyIds = new HashSet<>();
    private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
    /** From {@code data.sentAtMicros} to the router's {@code metadata.receivedAt}: the part of the latency before it. */
    private final Histogram receiptMicros = new Histogram(3_600_000_000L, 3);
    private long unreadable;

    /** One record's value, read at {@code arrivalMicros} ({@link OrderEvents#nowMicros()}). */
    synchronized void arrived(byte[] value, long arrivalMicros) {
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (IOException e) {
            unreadable++;
            return;
        }
        JsonNode data = event.path("data");
        String id = event.path("eventId").asText();
        if ("latency".equals(data.path("phase").asText())) {
            if (latencyIds.add(id)) {
                long sent = data.path("sentAtMicros").asLong();
                latencyMicros.recordValue(Math.max(0, arrivalMicros - sent));
                String received = event.path("metadata").path("receivedAt").asText(null);
                if (received != null) {
                    Instant at = Instant.parse(received);
                    receiptMicros.recordValue(Math.max(0, at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000 - sent));
                }
            }
        } else {
            loadIds.add(id);
        }
    }

    synchronized int loadArrived() {
        return loadIds.size();
    }

    synchronized int latencyArrived() {
        return latencyIds.size();
    }

    synchronized long unreadable() {
        return unreadable;
    }

    /** A copy of the latency histogram so far (microseconds). */
    synchronized Histogram latency() {
        return latencyMicros.copy();
    }

    /** A copy of the send-to-receipt histogram so far (microseconds; empty for a contender that adds no metadata). */
    synchronized Histogram receipt() {
        return receiptMicros.copy();
    }

    /**
     * Polls {@code count} every 50 ms until it reaches {@code expected} or {@code timeoutMillis} pass; returns
     * the {@link System#nanoTime()} when it was reached, or -1 on time-out.
     */
    static long await(LongSupplier count, long expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            if (count.getAsLong() >= expected) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
            Thread.sleep(50); // polling interval, not a wait for a fixed time
        }
    }
}
