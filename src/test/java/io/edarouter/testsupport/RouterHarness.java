package io.edarouter.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.Application;
import io.edarouter.store.EventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The router as the jar runs it (defaults, {@code ./application.properties}, {@code ./routes/}), in
 * this JVM, with test overrides: real brokers and database instead of the embedded defaults, and a
 * free HTTP port.
 */
public final class RouterHarness implements AutoCloseable {

    private final Main main;
    private final int httpPort;

    private RouterHarness(Main main, int httpPort) {
        this.main = main;
        this.httpPort = httpPort;
    }

    /** Starts the router with these keys overriding every other source. */
    public static RouterHarness start(Map<String, String> overrides) throws Exception {
        int httpPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.server.port", String.valueOf(httpPort));
        properties.put("eda.embedded.kafka.enabled", "false");
        properties.putAll(overrides);
        Main main = new Main();
        Application.configure(main, Application.USER_PROPERTIES_LOCATION);
        properties.forEach(main::addOverrideProperty);
        main.start();
        return new RouterHarness(main, httpPort);
    }

    /**
     * Keys that point the router at the shared test servers (Kafka, PostgreSQL with a fresh database)
     * with topic and group names of its own, suffixed by {@code run}, plus {@code extra}.
     */
    public static Map<String, String> onTestServers(String run, Map<String, String> extra) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("camel.component.kafka.brokers", KafkaTestBroker.shared().bootstrapServers());
        keys.put("camel.component.eventstore.url", PostgresTestDatabase.jdbcUrl());
        keys.put("camel.component.eventstore.username", PostgresTestDatabase.user());
        keys.put("eda.input.topic", "order-events-" + run);
        keys.put("eda.input.group", "router-" + run);
        keys.put("eda.topic.inventory", "inventory-events-" + run);
        keys.put("eda.topic.fraud-review", "fraud-review-" + run);
        keys.put("eda.dead-letter.topic", "eda-dead-letter-" + run);
        keys.putAll(extra);
        return keys;
    }

    /** The router's event store. */
    public EventStore eventStore() {
        return context().getComponent("eventstore", EventStoreComponent.class).getEventStore();
    }

    /** Stored events with this eventId, read from the global order (tests store few events). */
    public List<RecordedEvent> storedWithId(String eventId) {
        return eventStore().readAll(0, 10_000).stream().filter(e -> e.event().eventId().equals(eventId)).toList();
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String httpUrl(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    @Override
    public void close() {
        main.stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
