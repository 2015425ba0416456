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
 * Two router instances consume one SQS FIFO queue into one store: SQS hands a message group (a stream) to one
 * consumer at a time and no later message of it until the earlier ones are deleted, which the router does only once
 * they are stored; every event is stored once and every stream in order.
 */
class SqsSharedInputIT {

    @RegisterExtension
    @Order(1)
    static final ElasticMqTestBroker SQS = ElasticMqTestBroker.shared();
    @RegisterExtension
    @Order(2)
    final RouterRun run = RouterRun.onKafka();

    @Test
    void twoInstancesOnOneFifoQueueLoseNothingAndKeepEveryStreamInOrder() throws Exception {
        SqsLoad sqs = new SqsLoad(SQS, run);
        IngestLoad load = new IngestLoad(SqsCrashRecoveryIT.EVENTS / 2, SqsCrashRecoveryIT.STREAMS);
        try (RouterProcess first = RouterProcess.start("sqs-shared-1", sqs.keys());
                RouterProcess second = RouterProcess.start("sqs-shared-2", sqs.keys());
                EventStore store = IngestLoad.store(run)) {
            sqs.send(load);
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("SQS FIFO: 2 instances", store,
                    sqs.deliveredOnInventory(load, Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
            assertThat(first.isRunning()).isTrue();
            assertThat(second.isRunning()).isTrue();
        }
    }
}
