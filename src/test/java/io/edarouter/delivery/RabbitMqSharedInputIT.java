package io.edarouter.delivery;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.RabbitMqTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two router instances share one RabbitMQ input queue (single active consumer: one receives, the other stands by)
 * and one store; the active one is killed mid-run: the other takes over, with what the first had not acknowledged
 * back in the queue, and every stream is stored once and in order.
 */
class RabbitMqSharedInputIT {

    @RegisterExtension
    static final RabbitMqTestBroker rabbit = RabbitMqTestBroker.shared();
    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withRabbitMq(rabbit);

    @Test
    void pairSharingTheQueueLosesTheActiveOneAndKeepsEveryStreamInOrder() throws Exception {
        IngestLoad load = new IngestLoad(RabbitMqCrashRecoveryIT.EVENTS / 2, STREAMS);
        rabbit.declareInput(run.input());
        try (RouterProcess first = RouterProcess.start("rabbitmq-shared-1", run.keys())) {
            await("the first instance consumes").atMost(TIMEOUT).until(() -> rabbit.consumers(run.input()) >= 1);
            try (RouterProcess second = RouterProcess.start("rabbitmq-shared-2", run.keys());
                    EventStore store = IngestLoad.store(run)) {
                await("both instances are consumers").atMost(TIMEOUT).until(() -> rabbit.consumers(run.input()) == 2);
                // published beside the run, so the kill comes at a quarter stored whether the router or the
                // publisher (waiting for confirms) is the faster: a publish that returned first found all stored
                CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> {
                    try {
                        load.sendToRabbitMq(rabbit, run.input());
                    } catch (Exception e) {
                        throw new IllegalStateException("publishing the load to " + run.input(), e);
                    }
                });
                IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

                first.kill();
                long atKill = store.headPosition();
                publish.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                IngestLoad.awaitStored(store, load.count, TIMEOUT);

                assertThat(atKill).isLessThan(load.count);
                IngestLoad.Outcome outcome = load.check("RabbitMQ: 2 instances, the active one SIGKILL at " + atKill
                        + " stored", store, load.deliveredOnRabbitMq(rabbit, run.inventory(), Duration.ofSeconds(30)), true);
                assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                        .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
                assertThat(second.isRunning()).isTrue();
            }
        }
    }
}
