package io.edarouter.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.edarouter.config.EdaProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(new EventLimits(4096, 8, 1024, 50));

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = EventCodecTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesTheSeedEnvelope() throws IOException {
        Event event = codec.decode(fixture("seed-order-created.json"));

        assertThat(event.eventId()).isEqualTo("7f1c2f9e-3b1a-4c5d-9e8f-1a2b3c4d5e6f");
        assertThat(event.eventType()).isEqualTo("OrderCreated");
        assertThat(event.timestampInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(event.source()).isEqualTo("order-service");
        assertThat(event.data().get("orderId").textValue()).isEqualTo("12345");
        assertThat(event.data().get("amount").decimalValue()).isEqualByComparingTo("99.99");
        assertThat(event.subject()).isNull();
    }

    @Test
    void encodeThenDecodeGivesTheSameEvent() throws IOException {
        Event event = codec.decode(fixture("order-created-cloudevent.json"));

        assertThat(codec.decode(event.bytes())).isEqualTo(event);
    }

    @Test
    void mapsStructuredCloudEventsToTheEnvelope() throws IOException {
        Event event = codec.decode(fixture("order-created-cloudevent.json"));

        assertThat(event.eventId()).isEqualTo("0b6a7c1e-5d2f-4e3a-8b9c-0d1e2f3a4b5c");
        assertThat(event.subject()).isEqualTo("order-12345");
        assertThat(event.correlationId()).isEqualTo("c-1");
        assertThat(event.metadataText("tenant")).isEqualTo("acme");
        assertThat(CloudEvents.toStructured(event).get("id").textValue()).isEqualTo(event.eventId());
        assertThat(CloudEvents.toStructured(event).get("tenant").textValue()).isEqualTo("acme");
    }

    @Test
    void readsBinaryModeCloudEventsFromHeaders() {
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "e-1", "ce_type", "OrderPaid",
                "ce_source", "payments", "ce_time", "2024-01-01T00:00:00Z", "ce_subject", "order-1");

        Event event = codec.decode(" {\"orderId\": \"1\"}\n".getBytes(StandardCharsets.UTF_8), headers);

        assertThat(event.eventType()).isEqualTo("OrderPaid");
        assertThat(event.subject()).isEqualTo("order-1");
        assertThat(event.data().get("orderId").textValue()).isEqualTo("1");
        // the data as received, without the whitespace around it
        assertThat(event.dataJson()).isEqualTo("{\"orderId\": \"1\"}");
        assertThat(Event.readJson(new String(event.bytes(), StandardCharsets.UTF_8))).isEqualTo(event.envelope());
    }

    @Test
    void binaryAndStructuredModesPutExtensionsInMetadataAlike() {
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "e-1", "ce_type", "OrderPaid",
                "ce_source", "payments", "ce_time", "2024-01-01T00:00:00Z", "ce_tenantid", "acme", "ce_priority", "5",
                "ce_sampled", "true");
        Event binary = codec.decode("{\"orderId\":\"1\"}".getBytes(StandardCharsets.UTF_8), headers);
        Event structured = codec.decode(("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":\"OrderPaid\","
                + "\"source\":\"payments\",\"time\":\"2024-01-01T00:00:00Z\",\"tenantid\":\"acme\",\"priority\":5,"
                + "\"sampled\":true,\"datacontenttype\":\"application/json\",\"data\":{\"orderId\":\"1\"}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(binary.metadataText("tenantid")).isEqualTo("acme");
        assertThat(binary.metadataText("priority")).isEqualTo("5");
        assertThat(binary).isEqualTo(structured);
    }

    @Test
    void refusesACloudEventAttributeThatIsAnObject() {
        assertThatThrownBy(() -> codec.decode(("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":\"A\",\"source\":\"s\","
                + "\"time\":\"2024-01-01T00:00:00Z\",\"broker\":{\"topic\":\"t\"},\"data\":{}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("field 'broker': a CloudEvents attribute is a string, number or boolean, was an object");
    }

    @Test
    void writesAsCloudEventAttributesOnlyWhatCanBeOne() {
        Event event = codec.decode(("{\"eventId\":\"e-1\",\"eventType\":\"A\",\"timestamp\":\"2024-01-01T00:00:00.000Z\","
                + "\"source\":\"s\",\"data\":{},\"metadata\":{\"tenantid\":\"acme\",\"priority\":5,\"ratio\":0.5,"
                + "\"receivedAt\":\"2024-01-01T00:00:01Z\",\"broker\":{\"topic\":\"t\"},\"subject\":\"not-mine\","
                + "\"averyveryverylongname1\":\"x\"}}").getBytes(StandardCharsets.UTF_8));

        Map<String, String> headers = CloudEvents.toBinaryHeaders(event);

        assertThat(headers).containsExactly(Map.entry("ce_specversion", "1.0"), Map.entry("ce_id", "e-1"),
                Map.entry("ce_type", "A"), Map.entry("ce_time", "2024-01-01T00:00:00.000Z"), Map.entry("ce_source", "s"),
                Map.entry("ce_tenantid", "acme"), Map.entry("ce_priority", "5"), Map.entry("ce_ratio", "0.5"));
        assertThat(CloudEvents.toStructured(event).get("priority").isInt()).isTrue();
        assertThat(CloudEvents.toStructured(event).get("ratio").isTextual()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing eventId        | {"eventType":"A","timestamp":"2024-01-01T00:00:00Z","source":"s","data":{}}                 | validate | field 'eventId': required
            eventType not a string | {"eventId":"1","eventType":7,"timestamp":"2024-01-01T00:00:00Z","source":"s","data":{}}     | validate | field 'eventType': must be a string, was a number
            timestamp not ISO-8601 | {"eventId":"1","eventType":"A","timestamp":"yesterday","source":"s","data":{}}               | validate | field 'timestamp': must be an ISO-8601 instant
            data not an object     | {"eventId":"1","eventType":"A","timestamp":"2024-01-01T00:00:00Z","source":"s","data":[1]}    | validate | field 'data': must be a JSON object, was an array
            not JSON               | hello                                                                                         | decode   | not valid JSON
            JSON array             | [1,2]                                                                                         | decode   | body is not a JSON object
            duplicate key          | {"eventId":"1","eventId":"2"}                                                                 | decode   | not valid JSON: Duplicate field 'eventId'
            duplicate key in data  | {"eventId":"1","eventType":"A","timestamp":"2024-01-01T00:00:00Z","source":"s","data":{"a":{"b":1,"b":2}}} | decode | not valid JSON: Duplicate field 'b'
            duplicate in an array  | {"eventId":"1","eventType":"A","timestamp":"2024-01-01T00:00:00Z","source":"s","data":{"a":[{"c":1,"d":2,"c":3}]}} | decode | not valid JSON: Duplicate field 'c'
            too deep               | {"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{}}}}}}}}}}                                      | decode   | eda.event.max-depth=8
            trailing content       | {"eventId":"1"} {}                                                                            | decode   | trailing content
            """)
    void refusesInvalidInputNamingTheFieldOrLimit(String what, String input, String stage, String reason) {
        assertThatThrownBy(() -> codec.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.getStage()).isEqualTo(stage);
                    assertThat(e.getReason()).contains(reason);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"eventId\":\"1\",\"eventId\":\"2\"}",
            "{\"eventId\":\"1\",\"data\":{\"a\":1,\"b\":{\"b\":[{\"b\":1,\"c\":2,\"b\":3}]}}}"})
    void refusesADuplicateKeyAtAnyDepthNamingOnlyTheField(String input) {
        assertThatThrownBy(() -> codec.decode(input.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getReason())
                        .isEqualTo(input.contains("data") ? "not valid JSON: Duplicate field 'b'"
                                : "not valid JSON: Duplicate field 'eventId'"));
        assertThatThrownBy(() -> codec.readBatch(("[" + input + "]").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getReason())
                        .startsWith("not valid JSON: Duplicate field '").doesNotContain("ObjectNode"));
    }

    @Test
    void refusesAnEventOverTheSizeLimitBeforeParsingIt() {
        byte[] big = new byte[4097];

        assertThatThrownBy(() -> codec.decode(big))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("4097 bytes, over the limit of 4096 bytes");
    }

    @Test
    void refusesAnEventWithMoreValuesThanTheLimitEvenInOneArray() {
        String items = "1,".repeat(60) + "1";

        assertThatThrownBy(() -> codec.decode(("{\"eventId\":\"1\",\"eventType\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"s\",\"data\":{\"items\":[" + items + "]}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("more than 50 values (eda.event.max-fields)");
    }

    @Test
    void limitsComeFromConfigurationKeysWithDefaultsForTheOthers() {
        Map<String, String> configured = Map.of("eda.event.max-bytes", "2048", "eda.event.max-fields", "7");

        EventLimits limits = EventLimits.from(EdaProperties.of(key -> java.util.Optional.ofNullable(configured.get(key))));

        assertThat(limits).isEqualTo(new EventLimits(2048, EventLimits.DEFAULT.maxDepth(), EventLimits.DEFAULT.maxStringChars(), 7));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] bytes = "{\"eventId\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.getStage()).isEqualTo("decode"));
    }
}
