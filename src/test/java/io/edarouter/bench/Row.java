package io.edarouter.bench;

import org.HdrHistogram.Histogram;

/**
 * One contender's line of the table: events handled in the timed window and its length, the latency at a paced
 * rate (when measured), peak heap and RSS (when it runs in a process of its own), and a note (what was timed,
 * time-outs), and CPU per event over the timed window (when measured: {@link CpuMeter}).
 */
record Row(String broker, String contender, long events, double seconds, Latency latency, Double peakHeapMb,
        Double peakRssMb, String note, CpuMeter.PerEvent cpu) {

    Row(String broker, String contender, long events, double seconds, Latency latency, Double peakHeapMb,
            Double peakRssMb, String note) {
        this(broker, contender, events, seconds, latency, peakHeapMb, peakRssMb, note, CpuMeter.PerEvent.NONE);
    }

    Row withCpu(CpuMeter.PerEvent measured) {
        return new Row(broker, contender, events, seconds, latency, peakHeapMb, peakRssMb, note, measured);
    }

    double rate() {
        return seconds > 0 ? events / seconds : 0;
    }

    Row withNote(String more) {
        return new Row(broker, contender, events, seconds, latency, peakHeapMb, peakRssMb,
                note == null || note.isEmpty() ? more : note + "; " + more, cpu);
    }

    /** Dispatch latency percentiles (ms) of {@code samples} events offered at {@code offeredPerSecond}. */
    record Latency(double p50, double p99, double p999, double max, long samples, double offeredPerSecond,
            double seconds, String note) {

        static Latency of(Histogram micros, double offeredPerSecond, double seconds, String note) {
            return new Latency(micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                    micros.getValueAtPercentile(99.9) / 1000.0, micros.getMaxValue() / 1000.0,
                    micros.getTotalCount(), offeredPerSecond, seconds, note);
        }
    }
}
