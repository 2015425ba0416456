package io.edarouter.delivery;

import java.time.Duration;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router in its own JVM is killed (SIGKILL) or stopped (SIGTERM) in the middle of 20,000 Kafka events, then
 * started again: the store holds each event once and each stream in producer order.
 */
class KafkaCrashRecoveryIT {

    static final int EVENTS = 20_000;
    static final int STREAMS = 200;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession();

    @Test
    void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
        killAndRestart(run, "kafka-crash");
    }

    @Test
    void stoppedRouterFinishesWhatIsInFlightCommitsItAndResumesWhereItStopped() throws Exception {
        stopAndRestart(run, "kafka-sigterm");
    }

    /** The same with eda.ingest.kafka.overlap: eda-batch: reads the topic, batches are stored on its store thread. */
    @Nested
    class Overlapped {
        @RegisterExtension
        final RouterRun overlapped = RouterRun.onKafka().withShortKafkaSession().with("eda.ingest.kafka.overlap", "true");

        @Test
        void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
            killAndRestart(overlapped, "kafka-overlapped-crash");
        }

        @Test
        void stoppedRouterFinishesWhatIsInFlightCommitsItAndResumesWhereItStopped() throws Exception {
            stopAndRestart(overlapped, "kafka-overlapped-sigterm");
        }
    }

    private static void killAndRestart(RouterRun run, String name) throws Exception {
        String brokers = run.kafka().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start(name, run.keys());
                EventStore store = IngestLoad.store(run)) {
            load.sendToKafka(brokers, run.input());
            IngestLoad.printThroughput("Kafka", store, EVENTS / 10, EVENTS / 4);

            router.kill();
            long atKill = store.headPosition();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            int delivered = load.deliveredOnKafka(brokers, run.inventory(), Duration.ofSeconds(30));
            IngestLoad.Outcome outcome = load.check(label(name) + ": router SIGKILL at " + atKill + " stored, restart", store,
                    delivered, true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    private static void stopAndRestart(RouterRun run, String name) throws Exception {
        String brokers = run.kafka().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start(name, run.keys());
                EventStore store = IngestLoad.store(run)) {
            load.sendToKafka(brokers, run.input());
            IngestLoad.awaitStored(store, EVENTS / 4, TIMEOUT);

            router.stop();
            long atStop = store.headPosition();
            long committed = run.kafka().committedOffsets(run.group());

            assertThat(router.logContains("Timeout occurred during graceful shutdown")).as("graceful, not timed out").isFalse();
            // everything stored was committed before the exit, so a restart reads nothing twice
            assertThat(committed).isEqualTo(atStop);
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);
            IngestLoad.Outcome outcome = load.check(label(name) + ": router SIGTERM at " + atStop + " stored, restart", store,
                    load.deliveredOnKafka(brokers, run.inventory(), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder")
                    .containsExactly(EVENTS, 0, 0, 0);
        }
    }

    private static String label(String name) {
        return name.contains("overlapped") ? "Kafka, overlapped" : "Kafka";
    }
}
