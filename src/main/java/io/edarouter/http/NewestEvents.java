package io.edarouter.http;

import java.util.ArrayList;
import java.util.List;

import io.edarouter.store.EventStore;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;

/**
 * The newest stored events, newest first: of one type, what a schema is checked against and discovered from; of all
 * streams, what a candidate rule is previewed on.
 */
final class NewestEvents {

    private static final int PAGE = 500;

    private NewestEvents() {
    }

    /** At most {@code max} events of {@code eventType}, read backwards from the newest, page by page. */
    static List<RecordedEvent> of(EventStore store, String eventType, int max) {
        return newest(max, (from, limit) -> store.readEventType(eventType, from, limit, ReadDirection.BACKWARD));
    }

    /** At most {@code max} events of all streams, newest first. */
    static List<RecordedEvent> all(EventStore store, int max) {
        return newest(max, (from, limit) -> store.readAll(from, limit, ReadDirection.BACKWARD));
    }

    private interface BackwardRead {
        List<RecordedEvent> read(long from, int limit);
    }

    private static List<RecordedEvent> newest(int max, BackwardRead read) {
        List<RecordedEvent> events = new ArrayList<>(Math.min(max, PAGE));
        long from = -1; // the store's "from the newest"
        while (events.size() < max) {
            int wanted = Math.min(PAGE, max - events.size());
            List<RecordedEvent> page = read.read(from, wanted);
            events.addAll(page);
            from = page.isEmpty() ? -1 : page.get(page.size() - 1).globalPosition() - 1;
            if (page.size() < wanted || from < 0) {
                break;
            }
        }
        return events;
    }
}
