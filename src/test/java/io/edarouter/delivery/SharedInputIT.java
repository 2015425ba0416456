package io.edarouter.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;

import io.edarouter.config.EdaDefaults;
import io.edarouter.store.EventStore;
import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static io.edarouter.testsupport.PulsarTestBroker.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two router instances share the input (one Kafka consumer group; one Pulsar Key_Shared subscription) and one
 * store; one is killed mid-run: the other takes over its share, and every stream is stored once and in order.
 */
class SharedInputIT {

    @RegisterExtension
    static final PulsarTestBroker pulsar = PulsarTestBroker.shared();
    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession();

    @Test
    void kafkaGroupOfTwoLosesOneAndKeepsEveryStreamInOrder() throws Exception {
        String brokers = run.kafka().bootstrapServers();
        IngestLoad load = new IngestLoad(EVENTS / 2, STREAMS);
        try (RouterProcess first = RouterProcess.start("kafka-shared-1", run.keys());
                RouterProcess second = RouterProcess.start("kafka-shared-2", run.keys());
                EventStore store = IngestLoad.store(run)) {
            // each instance's eda.ingest.kafka.consumers are members of the group; the input's 4 partitions give each one
            await("both instances own partitions").atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> run.kafka().membersWithPartitions(run.group()) == 2 * consumersPerInstance("kafka"));
            load.sendToKafka(brokers, run.input());
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            first.kill();
            long atKill = store.headPosition();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Kafka: 2 instances, one SIGKILL at " + atKill + " stored", store,
                    load.deliveredOnKafka(brokers, run.inventory(), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
            assertThat(second.isRunning()).isTrue();
        }
    }

    /** The default eda.ingest.BROKER.consumers: the consumers each instance runs. */
    private static int consumersPerInstance(String broker) throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = SharedInputIT.class.getClassLoader().getResourceAsStream(EdaDefaults.LOCATION)) {
            defaults.load(in);
        }
        return Integer.parseInt(defaults.getProperty("eda.ingest." + broker + ".consumers"));
    }

    @Test
    void pulsarKeySharedPairLosesOneAndKeepsEveryStreamInOrder() throws Exception {
        RouterRun run = this.run.withPulsar(pulsar);
        String serviceUrl = pulsar.serviceUrl();
        IngestLoad load = new IngestLoad(EVENTS / 4, STREAMS);
        try (RouterProcess first = RouterProcess.start("pulsar-shared-1", run.keys());
                RouterProcess second = RouterProcess.start("pulsar-shared-2", run.keys());
                EventStore store = IngestLoad.store(run)) {
            await("both instances consume").atMost(TIMEOUT).ignoreExceptions()
                    .until(() -> pulsar.consumers(topic(run.input())) == 2 * consumersPerInstance("pulsar"));
            load.sendToPulsar(serviceUrl, topic(run.input()));
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            first.kill();
            long atKill = store.headPosition();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Pulsar: 2 instances, one SIGKILL at " + atKill + " stored", store,
                    load.deliveredOnPulsar(serviceUrl, topic(run.inventory()), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
            assertThat(second.isRunning()).isTrue();
        }
    }
}
