package io.edarouter.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.edarouter.embedded.EmbeddedKafkaBroker;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.PostgresTestDatabase;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The router consumes and dispatches over TLS: a broker whose only client listener is SSL, with a
 * certificate made by the test, and the router configured through camel.component.kafka.* keys only
 * (hostname verification on).
 */
class KafkaTlsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    @RegisterExtension
    static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();
    private static EmbeddedKafkaBroker broker;
    private static RouterHarness router;
    private static KafkaTopics kafka;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedCertificate tls = SelfSignedCertificate.create(Path.of("target", "it-tls", RUN));
        Map<String, String> client = Map.of(
                "security.protocol", "SSL",
                "ssl.truststore.location", tls.trustStore().toAbsolutePath().toString(),
                "ssl.truststore.password", tls.password(),
                "ssl.truststore.type", "PKCS12");
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder()
                .port(0)
                .dataDir(Path.of("target", "it-tls", RUN, "kafka"))
                .property("listener.security.protocol.map", "PLAINTEXT:SSL,CONTROLLER:PLAINTEXT")
                .property("ssl.keystore.location", tls.keyStore().toAbsolutePath().toString())
                .property("ssl.keystore.password", tls.password())
                .property("ssl.key.password", tls.password())
                .property("ssl.keystore.type", "PKCS12");
        client.forEach(builder::property);
        client.forEach(builder::clientProperty);
        broker = builder.build();
        broker.start();
        kafka = new KafkaTopics(broker.bootstrapServers(), Map.copyOf(client));
        router = RouterHarness.start(Map.of(
                "camel.component.kafka.brokers", broker.bootstrapServers(),
                "camel.component.kafka.security-protocol", "SSL",
                "camel.component.kafka.ssl-truststore-location", tls.trustStore().toAbsolutePath().toString(),
                "camel.component.kafka.ssl-truststore-password", tls.password(),
                "camel.component.kafka.ssl-truststore-type", "PKCS12",
                "camel.component.eventstore.url", postgres.newDatabase(),
                "camel.component.eventstore.username", postgres.user()));
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eventConsumedOverTlsIsStoredAndDispatchedOverTls() {
        String eventId = UUID.randomUUID().toString();

        kafka.send("order-events", null, ("{\"eventId\":\"" + eventId + "\",\"eventType\":\"OrderCreated\","
                + "\"timestamp\":\"2024-01-01T00:00:00Z\",\"source\":\"order-service\",\"data\":{\"orderId\":\"tls-1\"}}")
                .getBytes(StandardCharsets.UTF_8));

        kafka.awaitRecord("inventory-events", r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId),
                Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                router.context().getComponent("eventstore", EventStoreComponent.class).getEventStore().readStream(
                        "order-tls-1", 0, 10, io.edarouter.store.ReadDirection.FORWARD)).hasSize(1));
    }
}
