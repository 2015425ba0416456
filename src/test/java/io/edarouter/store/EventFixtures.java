package io.edarouter.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;

/** Events of the tests, read from {@code src/test/resources/events/NAME.json}. */
public final class EventFixtures {

    private static final EventCodec CODEC = new EventCodec();

    private EventFixtures() {
    }

    /** The event of a fixture file, as written. */
    public static Event load(String name) {
        return CODEC.decode(bytes(name));
    }

    /** The event of a fixture file with another eventId (so one fixture gives many events). */
    public static Event load(String name, String eventId) {
        return withId(load(name), eventId);
    }

    /** The bytes of a fixture file. */
    public static byte[] bytes(String name) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + name + ".json");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} copies of a fixture with eventIds {@code prefix-0}, {@code prefix-1}, ... */
    public static List<Event> many(String name, String prefix, int count) {
        Event template = load(name);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(withId(template, prefix + "-" + i));
        }
        return events;
    }

    public static Event withId(Event event, String eventId) {
        return new Event(eventId, event.eventType(), event.timestamp(), event.source(), event.data(), event.subject(),
                event.correlationId(), event.causationId(), event.schemaVersion(), event.metadata());
    }

    public static Event withSubject(Event event, String subject) {
        return new Event(event.eventId(), event.eventType(), event.timestamp(), event.source(), event.data(), subject,
                event.correlationId(), event.causationId(), event.schemaVersion(), event.metadata());
    }
}
