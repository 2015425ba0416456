package io.edarouter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.event.Event;
import io.edarouter.routing.PatternFields;
import io.edarouter.routing.Subscriber;
import io.edarouter.schema.SchemaChange;

/**
 * Which subscribers' patterns test a field of an event type's {@code data} that a candidate schema removes or
 * retypes: they would stop matching (or match differently) once producers follow the candidate. A pattern that names
 * only other event types ({@code eventType: [PaymentReceived]}) is not concerned; one that tests the type with a
 * matcher ({@code prefix}, {@code anything-but}) may be, and is listed.
 */
final class AffectedSubscribers {

    /** A subscriber concerned, the pattern's fields concerned ({@code data.amount}) and the changes behind them. */
    record Affected(String name, List<String> fields, List<SchemaChange> changes) {
    }

    private AffectedSubscribers() {
    }

    static List<Affected> of(String eventType, List<SchemaChange> changes, List<Subscriber> subscribers) {
        List<Affected> affected = new ArrayList<>();
        if (changes.isEmpty()) {
            return affected;
        }
        for (Subscriber subscriber : subscribers) {
            List<String> types = PatternFields.exactValues(subscriber.pattern(), Event.EVENT_TYPE);
            if (types != null && !types.contains(eventType)) {
                continue;
            }
            Map<String, List<SchemaChange>> concerned = new LinkedHashMap<>();
            for (List<String> path : PatternFields.of(subscriber.pattern())) {
                if (path.size() < 2 || !path.get(0).equals(Event.DATA)) {
                    continue;
                }
                List<String> field = path.subList(1, path.size());
                for (SchemaChange change : changes) {
                    if (startsWith(field, fieldOf(change.pointer()))) {
                        concerned.computeIfAbsent(String.join(".", path), name -> new ArrayList<>()).add(change);
                    }
                }
            }
            if (!concerned.isEmpty()) {
                List<SchemaChange> why = concerned.values().stream().flatMap(List::stream).distinct().toList();
                affected.add(new Affected(subscriber.name(), List.copyOf(concerned.keySet()), why));
            }
        }
        return affected;
    }

    /**
     * The names of a change's pointer, without the {@code *} of array elements: a pattern names an array field by
     * its name and matches any element.
     */
    private static List<String> fieldOf(String pointer) {
        List<String> names = new ArrayList<>();
        if (pointer.isEmpty()) {
            return names;
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            if (!token.equals("*")) {
                names.add(token.replace("~1", "/").replace("~0", "~"));
            }
        }
        return names;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}
