package io.edarouter.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KafkaTestBroker;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.RouterProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static io.edarouter.delivery.PulsarCrashRecoveryIT.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two router instances share the input (one Kafka consumer group; one Pulsar Key_Shared subscription) and one
 * store; one is killed mid-run: the other takes over its share, and every stream is stored once and in order.
 */
class SharedInputIT {

    @Test
    void kafkaGroupOfTwoLosesOneAndKeepsEveryStreamInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String brokers = KafkaTestBroker.shared().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS / 2, STREAMS);
        try (RouterProcess first = RouterProcess.start("kafka-shared-1", KafkaCrashRecoveryIT.kafkaRouter(run, jdbcUrl));
                RouterProcess second = RouterProcess.start("kafka-shared-2", KafkaCrashRecoveryIT.kafkaRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            await("both instances own partitions").atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> membersWithPartitions(brokers, "router-" + run) == 2);
            load.sendToKafka(brokers, "order-events-" + run);
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            first.kill();
            long atKill = store.headPosition();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Kafka: 2 instances, one SIGKILL at " + atKill + " stored", store,
                    load.deliveredOnKafka(brokers, "inventory-events-" + run, Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
            assertThat(second.isRunning()).isTrue();
        }
    }

    @Test
    void pulsarKeySharedPairLosesOneAndKeepsEveryStreamInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        String serviceUrl = PulsarTestBroker.shared().serviceUrl();
        IngestLoad load = new IngestLoad(EVENTS / 4, STREAMS);
        try (RouterProcess first = RouterProcess.start("pulsar-shared-1", PulsarCrashRecoveryIT.pulsarRouter(run, jdbcUrl));
                RouterProcess second = RouterProcess.start("pulsar-shared-2", PulsarCrashRecoveryIT.pulsarRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            await("both instances consume").atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> pulsarConsumers(topic("order-events", run)) == 2 * 4);
            load.sendToPulsar(serviceUrl, topic("order-events", run));
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            first.kill();
            long atKill = store.headPosition();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Pulsar: 2 instances, one SIGKILL at " + atKill + " stored", store,
                    load.deliveredOnPulsar(serviceUrl, topic("inventory-events", run), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
            assertThat(second.isRunning()).isTrue();
        }
    }

    private static long membersWithPartitions(String brokers, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members()
                    .stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        }
    }

    /** The consumers of the topic's subscriptions, from the Pulsar admin API's topic stats. */
    private static int pulsarConsumers(String topic) throws Exception {
        String path = topic.replace("persistent://", "/admin/v2/persistent/") + "/stats";
        String stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(PulsarTestBroker.shared().adminUrl() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return stats.split("\"consumerName\"", -1).length - 1;
    }
}
