package io.edarouter.store.camel;

import java.util.Map;

import io.edarouter.store.EventStore;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the event store: DOWN, with the reason, while the database cannot answer. Registered in
 * Camel's health-check registry by the {@code eventstore} component, so camel-main's
 * {@code /observe/health} and any embedding application's health endpoint report it, named by its id,
 * {@value #ID} (in group {@code eda}), as README "Operations" documents it.
 */
final class EventStoreHealthCheck extends AbstractHealthCheck {

    static final String ID = "eventstore";

    private final EventStore store;

    EventStoreHealthCheck(EventStore store) {
        super("eda", ID);
        this.store = store;
    }

    @Override
    public boolean isLiveness() {
        // a database outage is waited out, not fixed by restarting the router
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            builder.detail("eventstore.head.position", store.headPosition());
            builder.up();
        } catch (RuntimeException e) {
            builder.message("event store unreachable: " + e.getMessage());
            builder.error(e);
            builder.down();
        }
    }
}
