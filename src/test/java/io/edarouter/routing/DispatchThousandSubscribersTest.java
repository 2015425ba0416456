package io.edarouter.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.edarouter.event.Event;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** With 1,000 subscribers in one file, each event reaches exactly the subscribers whose pattern matches. */
class DispatchThousandSubscribersTest {

    private static final int SUBSCRIBERS = 1000;
    private static final int EVENTS = 500;

    @TempDir
    Path dir;

    @Test
    void eachEventReachesExactlyTheMatchingTargets() throws Exception {
        Path file = dir.resolve("subscribers.yaml");
        Files.writeString(file, GeneratedSubscribers.yaml(SUBSCRIBERS, "direct:target-"));
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("dispatch").to("eda-dispatch:" + file + "?reloadInterval=0");
                    for (int i = 0; i < SUBSCRIBERS; i++) {
                        int subscriber = i;
                        from("direct:target-" + i).process(e -> received
                                .computeIfAbsent(e.getMessage().getBody(Event.class).eventId(), id -> new ArrayList<>())
                                .add(subscriber));
                    }
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Random random = new Random(42);
            List<Event> events = new ArrayList<>();
            for (int n = 0; n < EVENTS; n++) {
                Event event = GeneratedSubscribers.event(random, n);
                events.add(event);
                template.sendBody("direct:in", event);
            }

            int deliveries = 0;
            for (Event event : events) {
                List<Integer> expected = new ArrayList<>();
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    if (GeneratedSubscribers.matches(i, event)) {
                        expected.add(i);
                    }
                }
                assertThat(received.getOrDefault(event.eventId(), List.of())).as(event.toString()).isEqualTo(expected);
                deliveries += expected.size();
            }
            // the fixture exercises all three kinds of subscribers, not a degenerate table
            assertThat(deliveries).isGreaterThan(EVENTS);
        }
    }
}
