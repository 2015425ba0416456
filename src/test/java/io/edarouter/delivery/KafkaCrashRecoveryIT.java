package io.edarouter.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KafkaTestBroker;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.RouterProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router in its own JVM is killed (SIGKILL) or stopped (SIGTERM) in the middle of 20,000 Kafka events, then
 * started again: the store holds each event once and each stream in producer order.
 */
class KafkaCrashRecoveryIT {

    static final int EVENTS = 20_000;
    static final int STREAMS = 200;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The keys of a router on Kafka and a fresh database, with topics of its own run. */
    static Map<String, String> kafkaRouter(String run, String jdbcUrl) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("camel.component.kafka.brokers", KafkaTestBroker.shared().bootstrapServers());
        keys.put("camel.component.eventstore.url", jdbcUrl);
        keys.put("camel.component.eventstore.username", PostgresTestDatabase.user());
        keys.put("eda.input.topic", "order-events-" + run);
        keys.put("eda.input.group", "router-" + run);
        keys.put("eda.topic.inventory", "inventory-events-" + run);
        keys.put("eda.topic.fraud-review", "fraud-review-" + run);
        keys.put("eda.dead-letter.topic", "eda-dead-letter-" + run);
        // a restarted consumer waits for the dead member's session to expire before it gets partitions
        keys.put("eda.ingest.kafka.session-timeout-ms", "6000");
        keys.put("eda.ingest.kafka.heartbeat-interval-ms", "1000");
        return keys;
    }

    @Test
    void killedRouterRestartsAndTheStoreHoldsEachEventOnceInStreamOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String brokers = KafkaTestBroker.shared().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start("kafka-crash", kafkaRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            load.sendToKafka(brokers, "order-events-" + run);
            IngestLoad.printThroughput("Kafka", store, EVENTS / 10, EVENTS / 4);

            router.kill();
            long atKill = store.headPosition();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            int delivered = load.deliveredOnKafka(brokers, "inventory-events-" + run, Duration.ofSeconds(30));
            IngestLoad.Outcome outcome = load.check("Kafka: router SIGKILL at " + atKill + " stored, restart", store,
                    delivered, true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    @Test
    void stoppedRouterFinishesWhatIsInFlightCommitsItAndResumesWhereItStopped() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String brokers = KafkaTestBroker.shared().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start("kafka-sigterm", kafkaRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            load.sendToKafka(brokers, "order-events-" + run);
            IngestLoad.awaitStored(store, EVENTS / 4, TIMEOUT);

            router.stop();
            long atStop = store.headPosition();
            long committed = committedOffsets(brokers, "router-" + run);

            assertThat(router.logContains("Timeout occurred during graceful shutdown")).as("graceful, not timed out").isFalse();
            // everything stored was committed before the exit, so a restart reads nothing twice
            assertThat(committed).isEqualTo(atStop);
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);
            IngestLoad.Outcome outcome = load.check("Kafka: router SIGTERM at " + atStop + " stored, restart", store,
                    load.deliveredOnKafka(brokers, "inventory-events-" + run, Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder")
                    .containsExactly(EVENTS, 0, 0, 0);
        }
    }

    /** The sum of the group's committed offsets over its partitions: the records it has finished. */
    static long committedOffsets(String brokers, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
