package io.edarouter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Kafka batch that fails after it was stored (its dispatch is refused: the subscriber's topic takes no record over
 * 64 bytes) is read again from its first record, and nothing after it is committed before it is: the records sent
 * after it come again with it, or, when they were polled into batches prepared while it was being stored, those
 * batches fail in turn without being stored. Once the topic takes the copy, every event is stored once, in its
 * stream's order, the refused copy is delivered and everything is committed. Without the rewind, the next batch's
 * commit would pass over the failed one and its copy would never be delivered.
 */
class KafkaFailedBatchIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    /** The default input: camel-kafka's batches, on its consumer's thread. */
    @Nested
    class CamelKafkaBatches {
        @RegisterExtension
        final RouterRun run = RouterRun.onKafka().withShortKafkaSession();

        @Test
        void theBatchesAfterAFailedOneWaitForItAndNothingPassesItsCommit() throws Exception {
            failAndRecover(run);
        }
    }

    /** eda.ingest.kafka.overlap: eda-batch: reads the topic and stores on its store thread. */
    @Nested
    class Overlapped {
        @RegisterExtension
        final RouterRun run = RouterRun.onKafka().withShortKafkaSession().with("eda.ingest.kafka.overlap", "true");

        @Test
        void theBatchesAfterAFailedOneWaitForItAndNothingPassesItsCommit() throws Exception {
            failAndRecover(run);
        }
    }

    private static void failAndRecover(RouterRun run) throws Exception {
        String order = "o-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, run.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(run.inventory(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "64")))).all().get();
            try (RouterHarness router = RouterHarness.start(run.keys())) {
                EventStore store = router.context().getComponent("eventstore", EventStoreComponent.class).getEventStore();
                // stored, then its copy to the inventory topic is refused: the batch fails
                run.kafka().topics().send(run.input(), order, event(order, 0, "OrderCreated"));
                await().atMost(WITHIN).until(() -> store.headPosition() == 1);
                for (int seq = 1; seq < 5; seq++) {
                    run.kafka().topics().send(run.input(), order, event(order, seq, "OrderPaid"));
                }

                // read again and again with the failed event (or behind it, in batches that fail for being read again
                // before it): stored at most once each, in order, and nothing committed while its copy is refused
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(() ->
                        run.kafka().committedOffsets(run.group()) == 0);
                assertThat(store.readStream("order-" + order, 0, 10, ReadDirection.FORWARD))
                        .extracting(RecordedEvent::streamVersion).isSubsetOf(0L, 1L, 2L, 3L, 4L).startsWith(0L);

                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, run.inventory()),
                        List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"),
                                AlterConfigOp.OpType.SET)))).all().get();

                await().atMost(WITHIN).until(() -> run.kafka().committedOffsets(run.group()) == 5);
                assertThat(store.readStream("order-" + order, 0, 10, ReadDirection.FORWARD))
                        .extracting(RecordedEvent::streamVersion).containsExactly(0L, 1L, 2L, 3L, 4L);
                assertThat(store.headPosition()).isEqualTo(5);
                assertThat(run.kafka().topics().awaitRecord(run.inventory(),
                        record -> new String(record.value(), StandardCharsets.UTF_8).contains(order), WITHIN)).isNotEmpty();
            }
        }
    }

    private static byte[] event(String order, int seq, String type) {
        return ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + type + "\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"test\",\"subject\":\"order-" + order + "\",\"data\":{\"orderId\":\"" + order + "\",\"seq\":"
                + seq + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
