package io.edarouter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Watches the router process from outside: its heap in use (the sum of {@code jvm_memory_used_bytes{area="heap"}}
 * of {@code /observe/metrics}) every 250 ms, keeping the highest, and its peak resident set ({@code VmHWM} of
 * {@code /proc/<pid>/status}).
 */
final class RouterProbe implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String metricsUrl;
    private final Thread sampler;
    private volatile long peakHeapBytes;
    private volatile long samples;
    private volatile boolean running = true;

    RouterProbe(String metricsUrl) {
        this.metricsUrl = metricsUrl;
        this.sampler = new Thread(this::sample, "bench-router-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            long started = System.nanoTime();
            try {
                long heap = heapUsed(HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                if (heap > peakHeapBytes) {
                    peakHeapBytes = heap;
                }
                samples++;
            } catch (IOException e) {
                // a restart or a busy router: next sample
            } catch (InterruptedException e) {
                return;
            }
            long rest = 250 - (System.nanoTime() - started) / 1_000_000;
            if (rest > 0) {
                try {
                    Thread.sleep(rest); // the sampling period
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Sum of the heap pools' used bytes in a Prometheus text exposition. */
    static long heapUsed(String metrics) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    double peakHeapMb() {
        return peakHeapBytes / (1024.0 * 1024.0);
    }

    long samples() {
        return samples;
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

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
    }
}
