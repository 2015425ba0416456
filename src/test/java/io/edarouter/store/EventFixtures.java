package io.edarouter.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return event.edit().set(Event.EVENT_ID, eventId).done();
    }

    public static Event withSubject(Event event, String subject) {
        return event.edit().set(Event.SUBJECT, subject).done();
    }

    /** An event of the required fields, its data given as JSON text. */
    public static Event event(String eventId, String eventType, String timestamp, String source, String dataJson) {
        return Event.of(eventId, eventType, timestamp, source, (ObjectNode) Event.readJson(dataJson));
    }
}
