package io.edarouter.startup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.UserFolderRouter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar eda-router.jar} with no arguments, in a folder whose {@code application.properties} sets keys
 * the jar has defaults for: the file wins for each of them (README "Configuration"), and the environment wins
 * over the file.
 */
class UserPropertiesOverrideDefaultsIT {

    static final String TOPIC = "orders-from-file";
    static final String TOKEN = "s3cret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final RouterRun run = RouterRun.onKafka();

    @Test
    void keysInTheUsersFileOverrideTheJarsDefaults() throws Exception {
        try (UserFolderRouter router = onTestServers("file-over-defaults").start()) {
            String stream = "order-" + UUID.randomUUID();
            String eventId = UUID.randomUUID().toString();
            sendRaw(stream, "{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderPaid\",\"timestamp\":"
                    + "\"2024-01-01T00:00:00Z\",\"source\":\"precedence-it\",\"subject\":\"" + stream
                    + "\",\"data\":{\"orderId\":\"1\",\"customerId\":\"c-1\",\"amount\":5}}");

            await("the record on " + TOPIC + " stored").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> router.get("/streams/" + stream).body(), body -> body.contains(eventId));
            assertThat(router.get("/subscriptions").statusCode()).as("eda.http.token from the file").isEqualTo(401);
            assertThat(withToken(router, TOKEN)).isEqualTo(200);
            assertThat(router.get("/observe/metrics").body()).as("camel.main.name from the file")
                    .contains("camelContext=\"my-router\"").doesNotContain("camelContext=\"eda-router\"");
        }
    }

    @Test
    void environmentVariablesOverrideTheUsersFile() throws Exception {
        try (UserFolderRouter router = onTestServers("env-over-file")
                .environment("EDA_HTTP_TOKEN", "from-env")
                .environment("CAMEL_MAIN_NAME", "env-router")
                .start()) {
            assertThat(withToken(router, TOKEN)).as("the file's token").isEqualTo(401);
            assertThat(withToken(router, "from-env")).as("the environment's token").isEqualTo(200);
            assertThat(router.get("/observe/metrics").body()).contains("camelContext=\"env-router\"");
        }
    }

    private UserFolderRouter onTestServers(String name) {
        return UserFolderRouter.inNewFolder(name).properties(run.with(Map.of(
                "eda.input.topic", TOPIC,
                "eda.http.token", TOKEN,
                "camel.main.name", "my-router")).keys());
    }

    private static int withToken(UserFolderRouter router, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(router.httpUrl("/subscriptions")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private void sendRaw(String key, String json) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(TOPIC, key, json.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
