package io.edarouter.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.RouterProcess;
import org.junit.jupiter.api.Test;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router in its own JVM is killed (SIGKILL) in the middle of 20,000 Pulsar events, then started again: the
 * store holds each event once and each stream in producer order.
 */
class PulsarCrashRecoveryIT {

    /** The keys of a router consuming Pulsar (Key_Shared) with a fresh database and topics of its own run. */
    static Map<String, String> pulsarRouter(String run, String jdbcUrl) {
        return pulsarRouter(run, jdbcUrl, PulsarTestBroker.shared());
    }

    static Map<String, String> pulsarRouter(String run, String jdbcUrl, PulsarTestBroker broker) {
        Map<String, String> keys = KafkaCrashRecoveryIT.kafkaRouter(run, jdbcUrl);
        keys.put("eda.pulsar.enabled", "true");
        keys.put("camel.component.pulsar.service-url", broker.serviceUrl());
        return keys;
    }

    static String topic(String name, String run) {
        return "persistent://public/default/" + name + "-" + run;
    }

    @Test
    void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String serviceUrl = PulsarTestBroker.shared().serviceUrl();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start("pulsar-crash", pulsarRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            load.sendToPulsar(serviceUrl, topic("order-events", run));
            IngestLoad.printThroughput("Pulsar", store, EVENTS / 10, EVENTS / 4);

            router.kill();
            long atKill = store.headPosition();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            IngestLoad.Outcome outcome = load.check("Pulsar: router SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnPulsar(serviceUrl, topic("inventory-events", run), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    @Test
    void stoppedRouterAcknowledgesWhatItStoredBeforeItExits() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String serviceUrl = PulsarTestBroker.shared().serviceUrl();
        IngestLoad load = new IngestLoad(EVENTS / 4, STREAMS);
        try (RouterProcess router = RouterProcess.start("pulsar-sigterm", pulsarRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            load.sendToPulsar(serviceUrl, topic("order-events", run));
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            router.stop();
            long atStop = store.headPosition();

            assertThat(router.logContains("Timeout occurred during graceful shutdown")).as("graceful, not timed out").isFalse();
            // everything stored was acknowledged before the exit: the backlog is exactly what is not stored
            assertThat(backlog(topic("order-events", run), "router-" + run)).isEqualTo(load.count - atStop);
            router.restart();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);
            IngestLoad.Outcome outcome = load.check("Pulsar: router SIGTERM at " + atStop + " stored, restart", store,
                    load.deliveredOnPulsar(serviceUrl, topic("inventory-events", run), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder")
                    .containsExactly(load.count, 0, 0, 0);
        }
    }

    /** The subscription's backlog (messages not acknowledged), from the Pulsar admin API's topic stats. */
    static long backlog(String topic, String subscription) throws Exception {
        String path = topic.replace("persistent://", "/admin/v2/persistent/") + "/stats";
        String stats = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(PulsarTestBroker.shared().adminUrl() + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats);
        return json.path("subscriptions").path(subscription).path("msgBacklog").asLong(-1);
    }
}
