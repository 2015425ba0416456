package io.edarouter.delivery;

import java.time.Duration;

import io.edarouter.store.EventStore;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.UserFolderRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;

/**
 * What one Kafka poll returns goes down the pipeline right after that poll. camel-kafka's batching consumer alone
 * keeps a poll's records until its next poll, and when no more records come that poll waits the whole poll timeout
 * ({@code eda.ingest.kafka.batch-interval-ms}) first: here two minutes, so an event sent alone would be stored two
 * minutes late. The router runs as a user runs it, {@code java -jar} in a folder with {@code application.properties}.
 */
class KafkaPollHandOverIT {

    private static final Duration POLL_TIMEOUT = Duration.ofMinutes(2);
    /** Well under the poll timeout, well over a consumer's group join and a batch. */
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka().withShortKafkaSession()
            .with("eda.ingest.kafka.batch-interval-ms", String.valueOf(POLL_TIMEOUT.toMillis()));

    @Test
    void anEventSentAloneIsStoredAndCommittedWithoutWaitingForTheNextPoll() throws Exception {
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("kafka-poll-hand-over").properties(run.keys()).start();
                EventStore store = IngestLoad.store(run)) {
            run.kafka().topics().send(run.input(), "k-1", IngestLoad.orderPaid("k-1"));
            IngestLoad.awaitStored(store, 1, WITHIN);
            await().atMost(WITHIN).until(() -> run.kafka().committedOffsets(run.group()) == 1);

            // the next poll, after a batch: the same again
            run.kafka().topics().send(run.input(), "k-2", IngestLoad.orderPaid("k-2"));
            IngestLoad.awaitStored(store, 2, WITHIN);
            await().atMost(WITHIN).until(() -> run.kafka().committedOffsets(run.group()) == 2);
        }
    }
}
