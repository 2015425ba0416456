package io.edarouter.startup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.edarouter.testsupport.UserFolderRouter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The router on its embedded default, as a new user first runs it: a folder with the project's routes and nothing
 * configured, a fresh {@code data/}. One start serves every test, in order: the topics exist before anything is
 * sent, HTTP listens where the log says, and a start, one event and a stop log no warning or error but the
 * EMBEDDED DEFAULTS banner.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultStartIT {

    /** A topic key no route uses: it exists only if the broker's start created it. */
    static final String EXTRA_TOPIC = "shipping-events";
    static final Pattern WARN_OR_ERROR = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) .*");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static UserFolderRouter router;

    @BeforeAll
    static void startOnEmbeddedDefaults() {
        router = UserFolderRouter.inNewFolder("embedded-start").property("eda.topic.shipping", EXTRA_TOPIC).start();
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.stop();
        }
    }

    @Test
    @Order(1)
    void configuredTopicsExistWithTheBrokersPartitionsBeforeAnythingIsSent() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                router.embeddedKafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("order-events", "eda-dead-letter", "inventory-events", "fraud-review", EXTRA_TOPIC))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(4));
        }
        assertThat(router.log()).doesNotContain("UNKNOWN_TOPIC_OR_PARTITION");
    }

    @Test
    @Order(2)
    void httpListensOnLoopbackOnlyAndTheLogSaysWhere() throws Exception {
        int port = router.httpPort();
        assertThat(router.logLines()).filteredOn(line -> line.contains("HTTP on ")).singleElement().asString()
                .contains("HTTP on http://127.0.0.1:" + port + ": ").contains("POST /events")
                .contains("GET /observe/health");
        assertThat(router.log()).doesNotContain("0.0.0.0");
        Optional<InetAddress> otherAddress = nonLoopbackAddress();
        if (otherAddress.isPresent()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(
                        new InetSocketAddress(otherAddress.get(), port), 2000))
                        .as("port %d on %s", port, otherAddress.get()).isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    @Order(3)
    void aStartOneEventAndAStopLogNoWarningButTheEmbeddedDefaultsBanner() throws Exception {
        String eventId = UUID.randomUUID().toString();
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/events")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\",\"timestamp\":"
                                + "\"2024-01-01T00:00:00Z\",\"source\":\"order-service\",\"data\":{\"orderId\":\"12345\","
                                + "\"customerId\":\"67890\",\"amount\":99.99}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        await("the event stored").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> router.get("/streams/order-12345").body(), body -> body.contains(eventId));

        router.stop();

        List<String> warnings = router.logLines().stream().filter(line -> WARN_OR_ERROR.matcher(line).matches())
                .filter(line -> !line.contains(" i.e.e.EmbeddedDefaults - "))
                .toList();
        assertThat(warnings).isEmpty();
        assertThat(router.log()).contains("EMBEDDED DEFAULTS").contains("(eda-router) shutdown in");
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
