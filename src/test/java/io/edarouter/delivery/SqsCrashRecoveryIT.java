package io.edarouter.delivery;

import java.time.Duration;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.ElasticMqTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router in its own JVM is killed (SIGKILL) in the middle of thousands of events on an SQS FIFO queue, then
 * started again: the messages it had received and not deleted come back after their visibility timeout, and the
 * store holds each event once and each stream in producer order.
 */
class SqsCrashRecoveryIT {

    static final int EVENTS = 4_000;
    static final int STREAMS = 100;

    @RegisterExtension
    @Order(1)
    static final ElasticMqTestBroker SQS = ElasticMqTestBroker.shared();
    @RegisterExtension
    @Order(2)
    final RouterRun run = RouterRun.onKafka();

    @Test
    void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
        SqsLoad sqs = new SqsLoad(SQS, run);
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        sqs.send(load);
        try (RouterProcess router = RouterProcess.start("sqs-crash", sqs.keys());
                EventStore store = IngestLoad.store(run)) {
            IngestLoad.printThroughput("SQS FIFO", store, EVENTS / 10, EVENTS / 4);

            router.kill();
            long atKill = store.headPosition();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            IngestLoad.Outcome outcome = load.check("SQS FIFO: router SIGKILL at " + atKill + " stored, restart", store,
                    sqs.deliveredOnInventory(load, Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }
}
