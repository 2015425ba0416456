package io.edarouter.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Results of a lookup by key: at most {@code size} of them (least recently used go first), each for
 * {@code ttlMillis}. Thread-safe; two concurrent misses of one key may both call the endpoint.
 */
final class LookupCache {

    private record Entry(Object value, long expiresAt) {
    }

    private final int size;
    private final long ttlMillis;
    private final LongSupplier clock;
    private final Map<String, Entry> entries;

    LookupCache(int size, long ttlMillis, LongSupplier clock) {
        this.size = size;
        this.ttlMillis = ttlMillis;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > LookupCache.this.size;
            }
        };
    }

    /** The cached value, or null when absent or expired. */
    synchronized Object get(String key) {
        if (size <= 0) {
            return null;
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() >= entry.expiresAt()) {
            entries.remove(key);
            return null;
        }
        return entry.value();
    }

    synchronized void put(String key, Object value) {
        if (size > 0 && ttlMillis > 0) {
            entries.put(key, new Entry(value, clock.getAsLong() + ttlMillis));
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
