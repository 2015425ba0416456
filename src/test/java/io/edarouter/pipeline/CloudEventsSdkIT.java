package io.edarouter.pipeline;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.edarouter.event.Event;
import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CloudEvents in and out of the shipped pipeline, with the official SDK on both ends: its Kafka serializer as the
 * producer, in binary and in structured mode, and its Kafka deserializer reading what {@code format: cloudevents} and
 * {@code format: cloudevents-binary} subscribers receive.
 */
class CloudEventsSdkIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final RouterRun ROUTER = RouterRun.onKafka();
    private static final String RUN = ROUTER.id();
    private static final String INPUT = ROUTER.input();
    private static final String STRUCTURED_OUT = "ce-structured-" + RUN;
    private static final String BINARY_OUT = "ce-binary-" + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime TIME = OffsetDateTime.parse("2024-01-01T10:00:00.250+02:00");

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(ROUTER.withSubscribers("""
            subscribers:
              - name: structured
                pattern: {eventType: [OrderShipped]}
                topic: %s
                format: cloudevents
              - name: binary
                pattern: {eventType: [OrderShipped]}
                topic: %s
                format: cloudevents-binary
            """.formatted(STRUCTURED_OUT, BINARY_OUT)));

    private final KafkaTopics kafka = ROUTER.kafka().topics();

    @Test
    void extensionsOfTheSdksBinaryAndStructuredModesAreStoredAlikeUnderMetadata() throws Exception {
        String binaryId = "ce-bin-" + UUID.randomUUID();
        String structuredId = "ce-str-" + UUID.randomUUID();

        send(Encoding.BINARY, order(binaryId));
        send(Encoding.STRUCTURED, order(structuredId));

        Event binary = stored(binaryId);
        Event structured = stored(structuredId);
        assertThat(binary.metadataText("tenantid")).isEqualTo("acme");
        assertThat(binary.metadataText("priority")).isEqualTo("5");
        assertThat(extensions(binary)).isEqualTo(extensions(structured));
        for (Event event : List.of(binary, structured)) {
            assertThat(event.eventType()).isEqualTo("OrderCreated");
            assertThat(event.source()).isEqualTo("order-service");
            assertThat(event.subject()).isEqualTo("order-ce-" + RUN);
            // the time's text as the SDK wrote it, kept
            assertThat(event.timestamp()).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(TIME));
            assertThat(event.data()).isEqualTo(Event.readJson("{\"orderId\": \"ce-1\", \"amount\": 12.50}"));
        }
    }

    @Test
    void subscribersInBothCloudEventsFormsAreReadByTheSdk() {
        String eventId = "ce-out-" + UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String envelope = """
                {"eventId": "%s", "eventType": "OrderShipped", "timestamp": "2024-01-01T00:00:00.000Z",
                 "source": "shipping-service", "subject": "order-ship-%s", "data": {"orderId": "s-1", "parcels": [1, 2]},
                 "metadata": {"tenantid": "acme", "priority": 5, "sampled": true, "Channel": "web", "region": {"eu": true}}}
                """.formatted(eventId, RUN);

        kafka.send(INPUT, null, envelope.getBytes(StandardCharsets.UTF_8), Map.of("traceparent", traceparent));

        for (String topic : List.of(STRUCTURED_OUT, BINARY_OUT)) {
            CloudEvent received = awaitCloudEvent(topic, eventId);
            assertThat(received.getType()).as(topic).isEqualTo("OrderShipped");
            assertThat(received.getSource()).as(topic).isEqualTo(URI.create("shipping-service"));
            assertThat(received.getSubject()).as(topic).isEqualTo("order-ship-" + RUN);
            assertThat(received.getTime()).as(topic).isEqualTo(OffsetDateTime.parse("2024-01-01T00:00:00Z"));
            assertThat(received.getDataContentType()).as(topic).isEqualTo("application/json");
            assertThat(readJson(received.getData().toBytes())).as(topic)
                    .isEqualTo(readJson("{\"orderId\": \"s-1\", \"parcels\": [1, 2]}".getBytes(StandardCharsets.UTF_8)));
            // metadata fields that can be attributes travel as extensions; the enricher's correlationId too
            assertThat(String.valueOf(received.getExtension("tenantid"))).as(topic).isEqualTo("acme");
            assertThat(String.valueOf(received.getExtension("priority"))).as(topic).isEqualTo("5");
            assertThat(String.valueOf(received.getExtension("sampled"))).as(topic).isEqualTo("true");
            assertThat(received.getExtension("traceparent")).as(topic).isEqualTo(traceparent);
            assertThat(received.getExtension("correlationid")).as(topic).isEqualTo(eventId);
            // names that cannot be attributes (upper case) and objects (region, broker) are left out
            assertThat(received.getExtensionNames()).as(topic)
                    .doesNotContain("Channel", "channel", "region", "broker", "receivedAt", "receivedat");
        }
    }

    private static CloudEvent order(String id) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withType("OrderCreated")
                .withSource(URI.create("order-service"))
                .withSubject("order-ce-" + RUN)
                .withTime(TIME)
                .withExtension("tenantid", "acme")
                .withExtension("priority", 5)
                .withData("application/json", "{\"orderId\": \"ce-1\", \"amount\": 12.50}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static void send(Encoding encoding, CloudEvent event) throws Exception {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ROUTER.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName(),
                CloudEventSerializer.ENCODING_CONFIG, encoding,
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE))) {
            producer.send(new ProducerRecord<>(INPUT, event.getSubject(), event)).get();
        }
    }

    private static Event stored(String eventId) {
        List<Event> found = new ArrayList<>();
        await().atMost(TIMEOUT).untilAsserted(() -> {
            found.clear();
            router.storedWithId(eventId).forEach(recorded -> found.add(recorded.event()));
            assertThat(found).hasSize(1);
        });
        return found.get(0);
    }

    /** The event's metadata without what the router adds on arrival. */
    private static JsonNode extensions(Event event) {
        ObjectNode metadata = ((ObjectNode) event.metadata()).deepCopy();
        metadata.remove(List.of("receivedAt", "broker"));
        return metadata;
    }

    private static CloudEvent awaitCloudEvent(String topic, String id) {
        List<CloudEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ROUTER.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ce-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
                return seen.stream().anyMatch(event -> id.equals(event.getId()));
            });
        }
        return seen.stream().filter(event -> id.equals(event.getId())).findFirst().orElseThrow();
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
