package io.edarouter.delivery;

import java.time.Duration;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KafkaTestBroker;
import io.edarouter.testsupport.PulsarTestBroker;
import io.edarouter.testsupport.PulsarTestBroker.Dedicated;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.edarouter.delivery.KafkaCrashRecoveryIT.EVENTS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.STREAMS;
import static io.edarouter.delivery.KafkaCrashRecoveryIT.TIMEOUT;
import static io.edarouter.testsupport.PulsarTestBroker.topic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker is killed and started again in the middle of a run, while the router keeps running: afterwards
 * nothing is missing from the store, nothing is stored twice and every stream is in order.
 */
class BrokerRestartIT {

    private static final int BROKER_EVENTS = EVENTS / 2;

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession();

    @Test
    void kafkaBrokerRestartLosesNothing() throws Exception {
        KafkaTestBroker kafka = run.kafka();
        IngestLoad load = new IngestLoad(BROKER_EVENTS, STREAMS);
        try (RouterProcess router = RouterProcess.start("kafka-broker-restart", run.keys());
                EventStore store = IngestLoad.store(run)) {
            load.sendToKafka(kafka.bootstrapServers(), run.input());
            IngestLoad.awaitStored(store, BROKER_EVENTS / 4, TIMEOUT);

            kafka.kill();
            long atKill = store.headPosition();
            kafka.restart();
            IngestLoad.awaitStored(store, BROKER_EVENTS, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Kafka: broker SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnKafka(kafka.bootstrapServers(), run.inventory(), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(BROKER_EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    @Test
    void pulsarBrokerRestartLosesNothing(@Dedicated PulsarTestBroker broker) throws Exception {
        RouterRun run = this.run.withPulsar(broker);
        IngestLoad load = new IngestLoad(BROKER_EVENTS / 2, STREAMS);
        try (RouterProcess router = RouterProcess.start("pulsar-broker-restart", run.keys());
                EventStore store = IngestLoad.store(run)) {
            load.sendToPulsar(broker.serviceUrl(), topic(run.input()));
            IngestLoad.awaitStored(store, load.count / 4, TIMEOUT);

            broker.kill();
            long atKill = store.headPosition();
            broker.restart();
            IngestLoad.awaitStored(store, load.count, TIMEOUT);

            IngestLoad.Outcome outcome = load.check("Pulsar: broker SIGKILL at " + atKill + " stored, restart", store,
                    load.deliveredOnPulsar(broker.serviceUrl(), topic(run.inventory()), Duration.ofSeconds(30)), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(load.count, 0, 0, 0, load.dispatchedIds.size());
        }
    }
}
