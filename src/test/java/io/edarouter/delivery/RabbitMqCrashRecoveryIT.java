package io.edarouter.delivery;

import java.time.Duration;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.RabbitMqTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router in its own JVM, consuming a RabbitMQ queue that holds 20,000 events, is killed (SIGKILL) in the middle,
 * then started again: what it had not acknowledged went back to the queue, and the store holds each event once and
 * each stream in producer order; the dispatched ones reached the inventory exchange's queue.
 */
class RabbitMqCrashRecoveryIT {

    static final int EVENTS = 20_000;

    @RegisterExtension
    static final RabbitMqTestBroker rabbit = RabbitMqTestBroker.shared();
    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withRabbitMq(rabbit);

    @Test
    void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        // the whole load is queued before the router starts: published while it ran, the router kept pace with the
        // publisher's confirms and had stored all of it by the time the publish returned, leaving nothing to kill
        load.sendToRabbitMq(rabbit, run.input());
        try (RouterProcess router = RouterProcess.start("rabbitmq-crash", run.keys());
                EventStore store = IngestLoad.store(run)) {
            IngestLoad.printThroughput("RabbitMQ", store, EVENTS / 10, EVENTS / 4);

            router.kill();
            long atKill = store.headPosition();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            IngestLoad.Outcome outcome = load.check("RabbitMQ: router SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnRabbitMq(rabbit, run.inventory(), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }
}
