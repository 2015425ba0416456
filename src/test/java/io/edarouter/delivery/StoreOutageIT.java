package io.edarouter.delivery;

import java.time.Duration;
import java.util.List;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.TcpProxy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL becomes unreachable for 20 s in the middle of a Kafka run (a proxy between router and database drops
 * every connection and refuses new ones): ingest pauses, dead-letters nothing, and resumes by itself.
 */
class StoreOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession();

    @Test
    void ingestPausesWhileTheStoreIsUnreachableAndResumesWithNothingLostOrDeadLettered() throws Exception {
        String brokers = run.kafka().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (TcpProxy proxy = run.postgres().newProxy();
                EventStore store = IngestLoad.store(run)) {
            try (RouterProcess router = RouterProcess.start("store-outage", run.withStoreThrough(proxy).keys())) {
                load.sendToKafka(brokers, run.input());
                IngestLoad.awaitStored(store, EVENTS / 5, TIMEOUT);

                proxy.cut();
                long cutAt = System.nanoTime();
                long duringOutage = store.headPosition();
                Duration rest = OUTAGE.minusNanos(System.nanoTime() - cutAt);
                // nothing is stored, or skipped, for the rest of the outage
                await("store unchanged while unreachable").during(rest).atMost(rest.plusSeconds(5))
                        .until(() -> store.headPosition() == duringOutage);
                proxy.restore();

                IngestLoad.awaitStored(store, EVENTS, TIMEOUT);
                IngestLoad.Outcome outcome = load.check("Kafka: PostgreSQL unreachable 20 s at " + duringOutage
                        + " stored", store, load.deliveredOnKafka(brokers, run.inventory(),
                                Duration.ofSeconds(30)), true);
                assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                        .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
                List<ConsumerRecord<String, byte[]>> deadLetters = new KafkaTopics(brokers)
                        .readAvailable(run.deadLetter(), Duration.ofSeconds(5));
                assertThat(deadLetters).as("good events are never dead-lettered").isEmpty();
            }
        }
    }
}
