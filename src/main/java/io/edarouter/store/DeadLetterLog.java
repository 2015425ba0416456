package io.edarouter.store;

import java.util.List;
import java.util.Optional;

/** The recorded dead letters of the ingest pipeline and the store-driven subscribers, in the store's database. */
public interface DeadLetterLog {

    /** Records a dead letter; returns its id. */
    long record(DeadLetter deadLetter);

    /**
     * Lists dead letters, oldest first.
     *
     * @param kind          only this kind, or null for both
     * @param subscription  only this subscription's, or null for all
     * @param notRedriven   only those never redriven
     * @param withPayload   load the payloads (otherwise {@link DeadLetter#payload()} is null)
     * @param limit         at most this many
     */
    List<DeadLetter> list(DeadLetter.Kind kind, String subscription, boolean notRedriven, boolean withPayload,
            int limit);

    /** One dead letter with its payload. */
    Optional<DeadLetter> find(long id);

    /** Notes that the dead letter was redriven now. */
    void markRedriven(long id);
}
