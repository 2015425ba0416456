package io.edarouter.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A plain CamelContext whose {@code eventstore:} component is on a fresh database, started before each test and
 * stopped after it (as camel's {@code CamelContextExtension}):
 * <pre>{@code @RegisterExtension
 * final CamelStoreContext camel = CamelStoreContext.onH2();}</pre>
 * in memory by default; {@link #onPostgres} for a test database. What the context needs before it starts (beans,
 * routes) is given with {@link #beforeStart}.
 */
public final class CamelStoreContext implements BeforeEachCallback, AfterEachCallback {

    /** What a test does to the context before it starts. */
    @FunctionalInterface
    public interface Setup {
        void accept(CamelContext context) throws Exception;
    }

    private final PostgresTestDatabase server;
    private final StoreDatabase database;
    private final List<Setup> setups = new ArrayList<>();
    private CamelContext context;
    private ProducerTemplate template;

    private CamelStoreContext(PostgresTestDatabase server, StoreDatabase database) {
        this.server = server;
        this.database = database;
    }

    /** On a new in-memory H2 database per test. */
    public static CamelStoreContext onH2() {
        return new CamelStoreContext(null, component -> component.setUrl(h2Url()));
    }

    /** On a new database of the shared test PostgreSQL per test. */
    public static CamelStoreContext onPostgres() {
        PostgresTestDatabase postgres = PostgresTestDatabase.shared();
        return new CamelStoreContext(postgres, component -> {
            component.setUrl(postgres.newDatabase());
            component.setUsername(postgres.user());
            component.setPassword(postgres.password());
        });
    }

    /** The URL of a new in-memory H2 database, kept until the JVM exits (not when its last connection closes). */
    public static String h2Url() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** Runs {@code setup} on each test's context before it starts, after the store is configured. */
    public CamelStoreContext beforeStart(Setup setup) {
        setups.add(setup);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext extension) throws Exception {
        if (server != null) {
            server.beforeAll(extension);
        }
        context = new DefaultCamelContext();
        database.configure(component());
        for (Setup setup : setups) {
            setup.accept(context);
        }
        context.start();
        template = context.createProducerTemplate();
    }

    @Override
    public void afterEach(ExtensionContext extension) throws Exception {
        if (context != null) {
            context.close();
        }
    }

    public CamelContext context() {
        return context;
    }

    public EventStoreComponent component() {
        return context.getComponent("eventstore", EventStoreComponent.class);
    }

    /** The store the component opened when the context started. */
    public EventStore store() {
        return component().getEventStore();
    }

    public ProducerTemplate template() {
        return template;
    }

    @FunctionalInterface
    private interface StoreDatabase {
        void configure(EventStoreComponent component);
    }
}
