package io.edarouter.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions of streams this store's appends wrote or looked up, exact at one head position. Every append locks
 * the head row and advances it when it inserts, so an append that finds the head where this store's last commit
 * left it knows that no writer, in this process or another, committed since: the versions here are the stored ones
 * and need no look-up. At any other head they are forgotten. Bounded; a stream not here is looked up.
 */
final class KnownVersions {

    private final Map<String, Long> versions;
    /** The head position at which every entry is exact; -1: none yet. */
    private long head = -1;

    KnownVersions(int capacity) {
        this.versions = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The known versions of {@code streams} if the store's head is {@code head}; the others are to be looked up. */
    synchronized Map<String, Long> at(long head, Collection<String> streams) {
        Map<String, Long> known = new HashMap<>();
        if (head == this.head) {
            for (String stream : streams) {
                Long version = versions.get(stream);
                if (version != null) {
                    known.put(stream, version);
                }
            }
        }
        return known;
    }

    /**
     * An append committed: it locked the head at {@code from}, left it at {@code to}, and its streams' versions are
     * {@code written} at {@code to}. Called after the commit, in any order among appenders.
     */
    synchronized void committed(long from, long to, Map<String, Long> written) {
        if (to < head) {
            return; // a later commit is known already
        }
        if (from != head) {
            versions.clear(); // others committed in between: only this append's streams are known at its head
        }
        versions.putAll(written);
        head = to;
    }

    /** An append failed, perhaps after its commit reached the database: nothing known is trusted. */
    synchronized void forget() {
        versions.clear();
        head = -1;
    }
}
