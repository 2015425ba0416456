package io.edarouter.delivery;

import java.time.Duration;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KinesaliteTestServer;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KinesisCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KinesisCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KinesisCrashRecoveryIT.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two router instances, each in its own JVM, consume one 4-shard Kinesis stream (kinesalite) through the lease table
 * in their shared PostgreSQL store: the second one joins while the first is reading, gets shards handed over, and
 * together they store each event once, each stream in producer order.
 */
class KinesisSharedShardsIT {

    @RegisterExtension
    static final KinesaliteTestServer KINESIS = KinesaliteTestServer.shared();
    @RegisterExtension
    final RouterRun run = RouterRun.onKafka();

    @Test
    void twoInstancesShareTheShardsWithNoLossAndEachStreamInOrder() throws Exception {
        KinesisCrashRecoveryIT.createStreams(run);
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        RouterRun kinesisRun = run.with(KINESIS.routerKeys(run.input()));
        try (RouterProcess first = RouterProcess.start("kinesis-shared-1", kinesisRun.keys());
                EventStore store = IngestLoad.store(run)) {
            KINESIS.putAll(run.input(), load.keys.subList(0, EVENTS / 2), load.values.subList(0, EVENTS / 2));
            IngestLoad.awaitStored(store, EVENTS / 10, TIMEOUT);
            try (RouterProcess second = RouterProcess.start("kinesis-shared-2", kinesisRun.keys())) {
                await("the second instance reads shards").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> second.logContains("from its checkpoint"));
                KINESIS.putAll(run.input(), load.keys.subList(EVENTS / 2, EVENTS), load.values.subList(EVENTS / 2, EVENTS));
                IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

                assertThat(first.logContains("handed over to another instance")).isTrue();
                IngestLoad.Outcome outcome = load.check("Kinesis: two router instances share 4 shards", store,
                        KinesisCrashRecoveryIT.deliveredOnKinesis(load, run.inventory()), true);
                assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                        .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
            }
        }
    }
}
