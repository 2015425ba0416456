package io.edarouter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the router process from outside without costing it anything: its peak heap in use from its own GC log (the
 * heap before each collection, {@code -Xlog:gc}, which {@link #jvmOptions} adds), and its peak resident set
 * ({@code VmHWM} of {@code /proc/<pid>/status}). Scraping {@code /observe/metrics} for the heap, as the benchmark did
 * before, cost the router about 11 ms of CPU per scrape: 4 scrapes a second were 5% of its CPU at full load.
 */
final class RouterProbe {

    /** A G1 or serial collection's line: {@code ... 181M->42M(256M) 3.456ms}; the first figure is the heap before it. */
    private static final Pattern COLLECTION = Pattern.compile("\\s(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Path gcLog;

    RouterProbe(Path gcLog) {
        this.gcLog = gcLog;
    }

    /** The router's JVM options with its GC log written to this probe's file. */
    List<String> jvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.add("-Xlog:gc:file=" + gcLog);
        return all;
    }

    /** The highest heap in use the GC log shows (before a collection), in MB, or null when it shows none. */
    Double peakHeapMb() {
        try {
            return peakHeapMb(Files.readAllLines(gcLog));
        } catch (IOException e) {
            return null;
        }
    }

    static Double peakHeapMb(List<String> gcLines) {
        long peak = -1;
        for (String line : gcLines) {
            Matcher collection = COLLECTION.matcher(line);
            if (collection.find()) {
                peak = Math.max(peak, Long.parseLong(collection.group(1)));
            }
        }
        return peak < 0 ? null : (double) peak;
    }

    /** The process's peak resident set so far, in MB, or -1 where {@code /proc} does not tell. */
    static double peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or gone
        }
        return -1;
    }
}
