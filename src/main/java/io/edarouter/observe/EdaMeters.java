package io.edarouter.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.camel.CamelContext;

/**
 * Where eda-router's own meters go: the Micrometer registry Camel exposes at {@code /observe/metrics}
 * when metrics are on, Micrometer's global registry (a no-op until someone adds to it) otherwise, so
 * the library part works in any embedding application.
 */
public final class EdaMeters {

    /**
     * Events sent to a dead-letter destination, tagged by {@code stage} ({@code deliver} for a store-driven
     * subscriber's).
     */
    public static final String DEAD_LETTERED = "eda.events.dead.lettered";
    /** Time of one append transaction of the event store. */
    public static final String STORE_APPEND = "eda.store.append";
    /** Events per append transaction. */
    public static final String STORE_APPEND_BATCH = "eda.store.append.batch.size";
    /**
     * Events a subscription has yet to deliver: those it selects after its checkpoint (see
     * {@code EventStore#lag}), tagged by {@code subscription}.
     */
    public static final String SUBSCRIPTION_LAG = "eda.subscription.lag";
    /** Failed deliveries to a store-driven subscriber (each retried, or dead-lettered after the last), by {@code subscription}. */
    public static final String SUBSCRIBER_FAILED_ATTEMPTS = "eda.subscriber.failed.attempts";
    /** Events sent by {@code eda-dispatch:}, tagged by {@code subscriber} and {@code endpoint} (its URI without options). */
    public static final String DISPATCHED = "eda.dispatched";
    /** Sends of {@code eda-dispatch:} that failed or did not finish in time, by {@code subscriber} and {@code endpoint}. */
    public static final String DISPATCH_FAILED = "eda.dispatch.failed";
    /** Broker producers of {@code eda-dispatch:} closed and replaced after a failed or unfinished send, by {@code subscriber}. */
    public static final String DISPATCH_PRODUCERS_REPLACED = "eda.dispatch.producers.replaced";

    /**
     * Events an enricher could not complete, tagged by {@code field} and {@code cause} ({@code no-key}: the event has
     * no lookup key; {@code lookup}: the lookup failed, timed out or answered nothing); each went on without the field
     * or was dead-lettered, as the enricher's {@code onFailure} says.
     */
    public static final String ENRICHMENT_FAILED = "eda.enrichment.failed";
    /**
     * Ingest append attempts that failed for a reason other than a store outage: each is tried again up to the limit,
     * then the batch's events one by one (one that still fails is dead-lettered).
     */
    public static final String INGEST_APPEND_FAILED = "eda.ingest.append.failed";
    /** Pulsar messages whose acknowledgement failed: the broker delivers them again, the store keeps one copy. */
    public static final String INGEST_ACK_FAILED = "eda.ingest.ack.failed";

    private EdaMeters() {
    }

    public static MeterRegistry registry(CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry != null ? registry : Metrics.globalRegistry;
    }
}
