package io.edarouter.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where one stored event went when it was dispatched: the copies sent to its subscribers, none when no subscriber
 * matched it.
 *
 * @param globalPosition the event's position in the store
 * @param dispatchedAt   when its batch's fan-out ended
 * @param copies         one per subscriber it was sent to, in the order the table matched them
 */
public record DispatchRecord(long globalPosition, Instant dispatchedAt, List<Copy> copies) {

    public DispatchRecord {
        Objects.requireNonNull(dispatchedAt, "dispatchedAt");
        copies = List.copyOf(copies);
    }

    /**
     * The copies as the {@code copies} column keeps them, a line per copy of subscriber, target and outcome between
     * tabs (a tab or line break in a value becomes a space); null for none.
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
            text.append(flat(copy.subscriber())).append('\t').append(flat(copy.target())).append('\t')
                    .append(flat(copy.outcome()));
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
            String[] fields = line.split("\t", 3);
            copies.add(new Copy(fields[0], fields[1], fields[2]));
        }
        return copies;
    }

    private static String flat(String value) {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * One copy.
     *
     * @param subscriber the subscriber's name
     * @param target     its endpoint without options
     * @param outcome    {@code sent}, {@code failed: <why>} or {@code unfinished} (the send timeout passed first)
     */
    public record Copy(String subscriber, String target, String outcome) {

        public static final String SENT = "sent";

        public Copy {
            Objects.requireNonNull(subscriber, "subscriber");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
