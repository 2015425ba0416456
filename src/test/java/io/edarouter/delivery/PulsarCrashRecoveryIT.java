package io.edarouter.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static io.edarouter.testsupport.PulsarTestBroker.topic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router in its own JVM is killed (SIGKILL) in the middle of 20,000 Pulsar events, then started again: the
 * store holds each event once and each stream in producer order.
 */
class PulsarCrashRecoveryIT {

    @RegisterExtension
    final RouterRun run = RouterRun.onPulsar().withShortKafkaSession();

    @Test
    void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
        String serviceUrl = run.pulsar().serviceUrl();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start("pulsar-crash", run.keys());
                EventStore store = IngestLoad.store(run)) {
            // sent while the router runs, and killed before the sending ends: the router keeps up with one producer,
            // so once a synchronous send returned it had stored nearly all of the load (a CI run killed it at 20,000)
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    load.sendToPulsar(serviceUrl, topic(run.input()));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            IngestLoad.printThroughput("Pulsar", store, EVENTS / 10, EVENTS / 4);

            router.kill();
            long atKill = store.headPosition();
            sending.join();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            IngestLoad.Outcome outcome = load.check("Pulsar: router SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnPulsar(serviceUrl, topic(run.inventory()), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    @Test
    void stoppedRouterAcknowledgesWhatItStoredBeforeItExits() throws Exception {
        String serviceUrl = run.pulsar().serviceUrl();
        IngestLoad load = new IngestLoad(EVENTS / 4, STREAMS);
        try (RouterProcess router = RouterProcess.start("pulsar-sigterm", run.keys());
                EventStore store = IngestLoad.store(run)) {
            load.sendToPulsar(serviceUrl, topic(run.input()));
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            router.stop();
            long atStop = store.headPosition();

            assertThat(router.logContains("Timeout occurred during graceful shutdown")).as("graceful, not timed out").isFalse();
            // everything stored was acknowledged before the exit: the backlog is exactly what is not stored
            assertThat(run.pulsar().backlog(topic(run.input()), run.group())).isEqualTo(load.count - atStop);
            router.restart();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);
            IngestLoad.Outcome outcome = load.check("Pulsar: router SIGTERM at " + atStop + " stored, restart", store,
                    load.deliveredOnPulsar(serviceUrl, topic(run.inventory()), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder")
                    .containsExactly(load.count, 0, 0, 0);
        }
    }
}
