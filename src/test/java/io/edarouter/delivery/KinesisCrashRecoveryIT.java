package io.edarouter.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.store.EventStore;
import io.edarouter.testsupport.KinesaliteTestServer;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.UserFolderRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The router consuming a 4-shard Kinesis stream (kinesalite) is killed (SIGKILL) in the middle of 10,000 events, then
 * started again: it resumes each shard from the checkpoint kept in the store's database, and the store holds each
 * event once, each stream in producer order. On PostgreSQL (the router in its own JVM) and on the embedded default
 * (H2 file store, the router started as a user does).
 */
class KinesisCrashRecoveryIT {

    static final int EVENTS = 10_000;
    static final int STREAMS = 100;
    static final int SHARDS = 4;
    static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final KinesaliteTestServer KINESIS = KinesaliteTestServer.shared();
    @RegisterExtension
    final RouterRun run = RouterRun.onKafka();

    @Test
    void onPostgresKilledRouterResumesFromTheCheckpointsAndStoresEachEventOnceInStreamOrder() throws Exception {
        createStreams(run);
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        KINESIS.putAll(run.input(), load.keys, load.values);
        try (RouterProcess router = RouterProcess.start("kinesis-crash", run.with(KINESIS.routerKeys(run.input())).keys());
                EventStore store = IngestLoad.store(run)) {
            IngestLoad.awaitStored(store, EVENTS / 4, TIMEOUT);

            router.kill();
            long atKill = store.headPosition();
            router.restart();
            IngestLoad.awaitStored(store, EVENTS, TIMEOUT);

            assertThat(atKill).isLessThan(EVENTS);
            IngestLoad.Outcome outcome = load.check("Kinesis: router SIGKILL at " + atKill + " stored, restart", store,
                    deliveredOnKinesis(load, run.inventory()), true);
            assertThat(outcome).extracting("stored", "duplicated", "missing", "outOfOrder", "delivered")
                    .containsExactly(EVENTS, 0, 0, 0, load.dispatchedIds.size());
        }
    }

    @Test
    void onTheEmbeddedH2StoreKilledRouterResumesFromTheCheckpointsAndStoresEachEventOnceInStreamOrder() throws Exception {
        createStreams(run);
        IngestLoad load = new IngestLoad(EVENTS, STREAMS);
        KINESIS.putAll(run.input(), load.keys, load.values);
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("kinesis-h2-crash")
                .properties(KINESIS.routerKeys(run.input()))
                .property("eda.topic.inventory", run.inventory())
                .property("eda.topic.fraud-review", run.fraudReview())
                .property("eda.dead-letter.topic", run.deadLetter())
                .start()) {
            awaitStored(router, EVENTS / 4);

            router.kill();
            router.restart();
            List<JsonNode> stored = awaitStored(router, EVENTS);

            assertThat(stored.size()).isEqualTo(EVENTS); // nothing twice: the store holds no more than was sent
            assertThat(outOfOrderOrMissing(stored)).as("events missing or out of their stream's order").isZero();
            assertThat(stored.stream().map(e -> e.get("eventId").asText()).distinct().count()).isEqualTo(EVENTS);
            assertThat(deliveredOnKinesis(load, run.inventory())).isEqualTo(load.dispatchedIds.size());
        }
    }

    static void createStreams(RouterRun run) {
        KINESIS.createStream(run.input(), SHARDS);
        KINESIS.createStream(run.inventory(), 2);
        KINESIS.createStream(run.fraudReview(), 1);
        KINESIS.createStream(run.deadLetter(), 1);
    }

    /** How many of the load's dispatched events are on the Kinesis stream (at least once). */
    static int deliveredOnKinesis(IngestLoad load, String stream) {
        Set<String> seen = new HashSet<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                KINESIS.readAll(stream).forEach(record -> {
                    String value = record.data().asUtf8String();
                    int at = value.indexOf("\"eventId\":\"") + 11;
                    String id = value.substring(at, at + 36);
                    if (load.dispatchedIds.contains(id)) {
                        seen.add(id);
                    }
                });
                return seen.size() >= load.dispatchedIds.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as fewer delivered
        }
        return seen.size();
    }

    private static List<JsonNode> awaitStored(UserFolderRouter router, int atLeast) {
        return await(atLeast + " events stored").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> HttpIngestClients.readAll(HTTP, router.httpUrl("")), stored -> stored.size() >= atLeast);
    }

    /** Per stream, the places where data.seq is not its version (0, 1, 2, ...), summed over the load's streams. */
    private static int outOfOrderOrMissing(List<JsonNode> stored) {
        Map<String, List<Integer>> seqs = new HashMap<>();
        for (JsonNode event : stored) {
            seqs.computeIfAbsent(event.get("stream").asText(), k -> new ArrayList<>()).add(event.get("data").get("seq").asInt());
        }
        int wrong = 0;
        for (int s = 0; s < STREAMS; s++) {
            List<Integer> stream = seqs.getOrDefault("order-s" + s, List.of());
            int expected = EVENTS / STREAMS;
            wrong += Math.abs(expected - stream.size());
            for (int v = 0; v < stream.size(); v++) {
                if (stream.get(v) != v) {
                    wrong++;
                }
            }
        }
        return wrong;
    }
}
