package io.edarouter.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KafkaTestBroker;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.TcpProxy;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

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

    @Test
    void ingestPausesWhileTheStoreIsUnreachableAndResumesWithNothingLostOrDeadLettered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String brokers = KafkaTestBroker.shared().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (TcpProxy proxy = new TcpProxy(System.getProperty("eda.it.postgres.host", "127.0.0.1"),
                        Integer.getInteger("eda.it.postgres.port", 5432));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            Map<String, String> keys = KafkaCrashRecoveryIT.kafkaRouter(run, jdbcUrl);
            keys.put("camel.component.eventstore.url", jdbcUrl.replaceFirst(":\\d+/", ":" + proxy.port() + "/"));
            try (RouterProcess router = RouterProcess.start("store-outage", keys)) {
                load.sendToKafka(brokers, "order-events-" + run);
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
                        + " stored", store, load.deliveredOnKafka(brokers, "inventory-events-" + run,
                                Duration.ofSeconds(30)), true);
                assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                        .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
                List<ConsumerRecord<String, byte[]>> deadLetters = new KafkaTopics(brokers)
                        .readAvailable("eda-dead-letter-" + run, Duration.ofSeconds(5));
                assertThat(deadLetters).as("good events are never dead-lettered").isEmpty();
            }
        }
    }
}
