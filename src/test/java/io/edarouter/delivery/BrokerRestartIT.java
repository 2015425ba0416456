package io.edarouter.delivery;

import java.time.Duration;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KafkaTestBroker;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.RouterProcess;
import org.junit.jupiter.api.Test;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static io.edarouter.delivery.PulsarCrashRecoveryIT.topic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker is killed and started again in the middle of a run, while the router keeps running: afterwards
 * nothing is missing from the store, nothing is stored twice and every stream is in order.
 */
class BrokerRestartIT {

    private static final int BROKER_EVENTS = EVENTS / 2;

    @Test
    void kafkaBrokerRestartLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        KafkaTestBroker broker = KafkaTestBroker.shared();
        IngestLoad load = new IngestLoad(BROKER_EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start("kafka-broker-restart", KafkaCrashRecoveryIT.kafkaRouter(run, jdbcUrl));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            load.sendToKafka(broker.bootstrapServers(), "order-events-" + run);
            IngestLoad.awaitStored(store, BROKER_EVENTS / 4, TIMEOUT);

            broker.kill();
            long atKill = store.headPosition();
            broker.restart();
            IngestLoad.awaitStored(store, BROKER_EVENTS, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Kafka: broker SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnKafka(broker.bootstrapServers(), "inventory-events-" + run, Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(BROKER_EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    @Test
    void pulsarBrokerRestartLosesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String jdbcUrl = PostgresTestDatabase.jdbcUrl();
        IngestLoad load = new IngestLoad(BROKER_EVENTS / 2, STREAMS);
        try (PulsarTestBroker broker = PulsarTestBroker.dedicated();
                RouterProcess router = RouterProcess.start("pulsar-broker-restart",
                        PulsarCrashRecoveryIT.pulsarRouter(run, jdbcUrl, broker));
                EventStore store = IngestLoad.store(jdbcUrl)) {
            load.sendToPulsar(broker.serviceUrl(), topic("order-events", run));
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            broker.kill();
            long atKill = store.headPosition();
            broker.restart();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Pulsar: broker SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnPulsar(broker.serviceUrl(), topic("inventory-events", run), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
        }
    }
}
