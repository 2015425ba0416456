package io.edarouter.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edarouter.Application;
import io.edarouter.store.EventStore;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The router as the jar runs it (defaults, {@code ./application.properties}, {@code ./routes/}), in
 * this JVM, with test overrides: real brokers and database instead of the embedded defaults, and a
 * free HTTP port. A test starts one of its own with {@link #start}, or a test class shares one:
 * <pre>{@code @RegisterExtension
 * static final RouterHarness router = RouterHarness.forClass(RouterRun.onKafka());}</pre>
 * started, with the run's servers, before the class's {@code @BeforeAll} methods, and stopped after its tests.
 */
public final class RouterHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private final RouterRun run;
    private final int httpPort = ExternalProcess.freePort();
    private Main main;

    private RouterHarness(RouterRun run) {
        this.run = run;
    }

    /** Starts the router with these keys overriding every other source. */
    public static RouterHarness start(Map<String, String> overrides) throws Exception {
        RouterHarness router = new RouterHarness(null);
        router.startMain(overrides);
        return router;
    }

    /** A router on the run's keys for the tests of the class that registers it (a static field). */
    public static RouterHarness forClass(RouterRun run) {
        return new RouterHarness(run);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        run.askForServers(context);
        startMain(run.keys());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * The keys every router of the tests gets, under the test's own: its HTTP port, and real brokers rather than
     * the embedded Kafka broker.
     */
    static Map<String, String> testKeys(int httpPort) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("camel.server.port", String.valueOf(httpPort));
        keys.put("eda.embedded.kafka.enabled", "false");
        return keys;
    }

    private void startMain(Map<String, String> overrides) throws Exception {
        Map<String, String> properties = testKeys(httpPort);
        properties.putAll(overrides);
        main = new Main();
        Application.configure(main, Application.USER_PROPERTIES_LOCATION);
        properties.forEach(main::addOverrideProperty);
        main.start();
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
        if (main != null) {
            main.stop();
        }
    }

    /** A port nobody listens on right now, on 127.0.0.1. */
    public static int freePort() {
        return ExternalProcess.freePort();
    }
}
