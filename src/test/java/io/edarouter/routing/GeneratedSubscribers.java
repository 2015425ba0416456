package io.edarouter.routing;

import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.event.Event;

/**
 * A subscribers file of any size whose matches are known without event-ruler: subscriber {@code i}
 * takes one of three shapes (type and customer; an amount range; a source prefix), so a test can tell
 * for each event exactly which subscribers must receive it.
 */
final class GeneratedSubscribers {

    static final int TYPES = 10;
    static final int CUSTOMERS = 50;
    static final int SOURCES = 7;

    private GeneratedSubscribers() {
    }

    /** The YAML of {@code count} subscribers, subscriber {@code i} sending to {@code targetPrefix + i}. */
    static String yaml(int count, String targetPrefix) {
        StringBuilder yaml = new StringBuilder("subscribers:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - name: s").append(i).append('\n');
            yaml.append("    to: \"").append(targetPrefix).append(i).append("\"\n");
            yaml.append("    pattern: ").append(pattern(i)).append('\n');
        }
        return yaml.toString();
    }

    /** {@code count} subscribers of the first shape only (exact type and customer): few matches per event. */
    static String exactYaml(int count, String targetPrefix) {
        StringBuilder yaml = new StringBuilder("subscribers:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - name: s").append(i).append('\n');
            yaml.append("    to: \"").append(targetPrefix).append(i).append("\"\n");
            yaml.append("    pattern: ").append(pattern(i - i % 3)).append('\n');
        }
        return yaml.toString();
    }

    private static String pattern(int i) {
        return switch (i % 3) {
            case 0 -> "{eventType: [Type-" + (i % TYPES) + "], data: {customerId: [c-" + (i % CUSTOMERS) + "]}}";
            case 1 -> "{data: {amount: [{numeric: ['>=', " + i + ", '<', " + (i + 100) + "]}]}}";
            default -> "{source: [{prefix: svc-" + (i % SOURCES) + "}]}";
        };
    }

    /** Whether subscriber {@code i} must receive the event. */
    static boolean matches(int i, Event event) {
        return switch (i % 3) {
            case 0 -> event.eventType().equals("Type-" + (i % TYPES)) && event.data().get("customerId").textValue().equals("c-" + (i % CUSTOMERS));
            case 1 -> {
                double amount = event.data().get("amount").doubleValue();
                yield amount >= i && amount < i + 100;
            }
            default -> event.source().equals("svc-" + (i % SOURCES));
        };
    }

    /** A random event of the shapes the subscribers look at. */
    static Event event(Random random, int n) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("orderId", "o-" + n);
        data.put("customerId", "c-" + random.nextInt(CUSTOMERS));
        data.put("amount", random.nextInt(1200));
        // one source in ten matches no prefix subscriber
        String source = random.nextInt(10) == 0 ? "other-service" : "svc-" + random.nextInt(SOURCES);
        return Event.of("e-" + n, "Type-" + random.nextInt(TYPES), "2024-01-01T00:00:00Z", source, data);
    }
}
