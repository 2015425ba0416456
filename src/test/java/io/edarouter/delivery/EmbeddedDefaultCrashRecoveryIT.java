package io.edarouter.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.edarouter.testsupport.UserFolderRouter;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The router on its embedded default (in-process Kafka broker, H2 file store, nothing configured), started as a
 * user does, is killed (SIGKILL) three times while 8 clients post batches of 25 events to {@code POST /events},
 * and started again each time: every event answered 202 is stored once, and each stream in the order it was sent.
 * An H2 commit the pipeline has acted on (the offsets are committed after it) must be on disk when the process
 * dies.
 */
class EmbeddedDefaultCrashRecoveryIT {

    static final int CLIENTS = 8;
    static final int BATCH = 25;
    static final int STREAMS_PER_CLIENT = 5;
    static final int KILLS = 3;
    /** Events accepted after each (re)start before the next kill: the pipeline is storing and committing then. */
    static final int ACCEPTED_BETWEEN_KILLS = 1500;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void killedEmbeddedRouterStoresEveryAcceptedEventOnceAndEachStreamInOrder() throws Exception {
        try (UserFolderRouter router = UserFolderRouter.inNewFolder("embedded-crash").start()) {
            HttpIngestClients clients = new HttpIngestClients(router.httpUrl("/events"), CLIENTS, BATCH,
                    STREAMS_PER_CLIENT);
            clients.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                awaitMoreAccepted(clients, ACCEPTED_BETWEEN_KILLS);
                router.kill();
                router.restart();
            }
            awaitMoreAccepted(clients, ACCEPTED_BETWEEN_KILLS);
            clients.stop(Duration.ofSeconds(60));

            int accepted = clients.accepted();
            try {
                await("the " + accepted + " accepted events stored").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> HttpIngestClients.readAll(HTTP, router.httpUrl("")).size() >= accepted);
            } catch (ConditionTimeoutException e) {
                // the check below says how many are missing
            }
            List<JsonNode> stored = HttpIngestClients.readAll(HTTP, router.httpUrl(""));
            HttpIngestClients.Outcome outcome = clients.check(stored);
            System.out.println("EMBEDDED CRASH " + KILLS + " kills: " + outcome);
            assertThat(outcome).extracting("duplicated", "missing", "outOfOrder").containsExactly(0, 0, 0);
            assertThat(outcome.stored()).isEqualTo(accepted);
        }
    }

    private static void awaitMoreAccepted(HttpIngestClients clients, int more) {
        int target = clients.accepted() + more;
        await(target + " events accepted").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .until(() -> clients.accepted() >= target);
    }
}
