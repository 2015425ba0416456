package io.edarouter.bench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edarouter.testsupport.TcpProxy;

/**
 * {@code -Dbench.store-latency-ms=N}: the router's and the hand-written loop's connections to PostgreSQL go through
 * a proxy that hands on each direction's bytes N ms after it read them, as a database on another machine would
 * (0, the default: connected directly). The benchmark's own sessions (head polling, CPU sampling) stay direct.
 */
final class StoreLatency {

    private static final Duration DELAY = Duration.ofMillis(Long.getLong("bench.store-latency-ms", 0));
    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)(/.*)");
    private static TcpProxy proxy;

    private StoreLatency() {
    }

    /** {@code jdbcUrl}, through the delaying proxy when there is a delay. */
    static synchronized String applied(String jdbcUrl) {
        if (DELAY.isZero()) {
            return jdbcUrl;
        }
        Matcher url = SERVER.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("bench.store-latency-ms: not a jdbc:postgresql://host:port/ URL: " + jdbcUrl);
        }
        if (proxy == null) {
            proxy = new TcpProxy(url.group(1), Integer.parseInt(url.group(2)), DELAY);
            ThroughputBenchmark.log("PostgreSQL through a proxy delaying each direction %d ms (127.0.0.1:%d)",
                    DELAY.toMillis(), proxy.port());
        }
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + url.group(3);
    }
}
