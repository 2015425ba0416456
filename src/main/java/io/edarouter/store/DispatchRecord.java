package io.edarouter.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a run of stored events went when one batch dispatched them: the events of consecutive positions
 * {@code firstPosition} to {@code lastPosition}, and the copies sent of them; an event of the run without a copy
 * matched no subscriber. A batch's new events are one append, so one run; an event stored before (a duplicate) is a
 * run of its own.
 *
 * @param firstPosition the global position of the run's first event
 * @param lastPosition  of its last, less than {@value #MAX_POSITIONS} after the first
 * @param dispatchedAt  when the batch's fan-out ended
 * @param copies        the copies sent, in event order, each event's in the order the table matched them
 */
public record DispatchRecord(long firstPosition, long lastPosition, Instant dispatchedAt, List<Copy> copies) {

    /** Positions a run covers at most, so the read of one position looks at a bounded range of the index. */
    public static final int MAX_POSITIONS = 10_000;

    public DispatchRecord {
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        if (lastPosition < firstPosition || lastPosition - firstPosition >= MAX_POSITIONS) {
            throw new IllegalArgumentException("a run of positions " + firstPosition + " to " + lastPosition);
        }
        copies = List.copyOf(copies);
    }

    /** The copies of the event at this position: none when no subscriber matched it. */
    public List<Copy> copiesOf(long position) {
        return copies.stream().filter(copy -> copy.globalPosition() == position).toList();
    }

    /**
     * One copy.
     *
     * @param globalPosition the position of the event it is a copy of
     * @param subscriber     the subscriber's name
     * @param target         its endpoint without options
     * @param outcome        {@code sent}, {@code failed: <why>} or {@code unfinished} (the send timeout passed first)
     */
    public record Copy(long globalPosition, String subscriber, String target, String outcome) {

        public static final String SENT = "sent";

        public Copy {
            Objects.requireNonNull(subscriber, "subscriber");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * The copies as the {@code copies} column keeps them, a line per copy of position, subscriber, target and outcome
     * between tabs (a tab or line break in a value becomes a space); null for none.
     */
    String copiesText() {
        if (copies.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(64 * copies.size());
        for (Copy copy : copies) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(copy.globalPosition()).append('\t').append(flat(copy.subscriber())).append('\t')
                    .append(flat(copy.target())).append('\t').append(flat(copy.outcome()));
        }
        return text.toString();
    }

    /** The copies of a {@link #copiesText()}. */
    static List<Copy> copiesOf(String text) {
        if (text == null) {
            return List.of();
        }
        List<Copy> copies = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String[] fields = line.split("\t", 4);
            copies.add(new Copy(Long.parseLong(fields[0]), fields[1], fields[2], fields[3]));
        }
        return copies;
    }

    private static String flat(String value) {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
