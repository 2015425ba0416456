package io.edarouter.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one stored event went when it was dispatched: the copy sent to one subscriber, or, with no subscriber, the
 * note that none matched it.
 *
 * @param eventId        the event's id
 * @param globalPosition its position in the store, -1 when not known
 * @param subscriber     the subscriber the copy went to, null when no subscriber matched
 * @param target         the subscriber's endpoint without its options, null when no subscriber matched
 * @param dispatchedAt   when its batch's fan-out ended
 * @param outcome        {@code sent}, {@code failed: <why>}, {@code unfinished} (the send timeout passed first), or
 *                       {@code no-subscriber}
 */
public record DispatchRecord(String eventId, long globalPosition, String subscriber, String target, Instant dispatchedAt,
        String outcome) {

    public static final String SENT = "sent";
    public static final String NO_SUBSCRIBER = "no-subscriber";

    public DispatchRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}
