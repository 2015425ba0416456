package io.edarouter.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The event is the JSON it was sent as: kept as received, read in place, changed only into a new event. */
class EventTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final String SENT = """
            {"eventId": "e-1", "eventType": "OrderCreated", "timestamp": "2024-01-01T02:00:00.000+02:00",
             "source": "shop", "subject": null, "data": {"customer.region": "eu", "amount": 1.50,
             "lines": [{"sku": "A-1"}]}, "metadata": {"tenant": "acme", "tags": {"a": 1}}}
            """;

    private static Event sent() {
        return CODEC.decode(SENT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnchangedEnvelopeIsTheBytesThatArrived() {
        byte[] bytes = SENT.getBytes(StandardCharsets.UTF_8);

        assertThat(CODEC.decode(bytes).bytes()).isSameAs(bytes);
    }

    @Test
    void whatWasSentIsKeptAsSent() {
        Event event = sent();

        assertThat(event.timestamp()).isEqualTo("2024-01-01T02:00:00.000+02:00");
        assertThat(event.timestampInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(event.subject()).isNull();
        assertThat(event.envelope().has("subject")).as("sent as null: present").isTrue();
        assertThat(event.data().get("customer.region").textValue()).isEqualTo("eu");
        // written again after a change: the number keeps its written form
        Event changed = event.edit().set(Event.CORRELATION_ID, "c-1").done();
        assertThat(new String(changed.bytes(), StandardCharsets.UTF_8))
                .contains("\"amount\": 1.50", "\"subject\":null", "\"timestamp\":\"2024-01-01T02:00:00.000+02:00\"");
        Event.Edit edit = event.edit();
        edit.object(Event.DATA).put("customer.region", "us");
        assertThat(edit.done().dataJson()).contains("\"amount\":1.50");
    }

    @Test
    void dataAndMetadataAreTheBytesReceivedWithWhatAChangeAddedAfterThem() {
        Event event = sent();
        assertThat(event.dataJson()).isEqualTo("""
                {"customer.region": "eu", "amount": 1.50,
                 "lines": [{"sku": "A-1"}]}""");
        assertThat(event.metadataJson()).isEqualTo("{\"tenant\": \"acme\", \"tags\": {\"a\": 1}}");

        Event.Edit edit = event.edit().set(Event.CORRELATION_ID, "c-1");
        edit.object(Event.DATA).put("customer", "c-9");
        edit.object(Event.METADATA).put("receivedAt", "2024-01-01T00:00:01Z");
        Event enriched = edit.done();

        assertThat(enriched.dataJson()).isEqualTo("""
                {"customer.region": "eu", "amount": 1.50,
                 "lines": [{"sku": "A-1"}],"customer":"c-9"}""");
        assertThat(enriched.metadataJson())
                .isEqualTo("{\"tenant\": \"acme\", \"tags\": {\"a\": 1},\"receivedAt\":\"2024-01-01T00:00:01Z\"}");
        String json = new String(enriched.bytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"data\":" + enriched.dataJson(), "\"metadata\":" + enriched.metadataJson());
        assertThat(Event.readJson(json)).isEqualTo(enriched.envelope());
        assertThat(Event.readJson(enriched.dataJson())).isEqualTo(enriched.data());
    }

    @Test
    void partsNotReceivedAreWritten() {
        Event event = CODEC.decode(("{\"eventId\":\"e-2\",\"eventType\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"s\",\"data\":{},\"metadata\":null}").getBytes(StandardCharsets.UTF_8));
        assertThat(event.metadataJson()).isEqualTo("null");
        Event.Edit edit = event.edit();
        edit.object(Event.DATA).put("a", 1);
        edit.object(Event.METADATA).put("receivedAt", "now");
        Event changed = edit.done();
        assertThat(changed.dataJson()).isEqualTo("{\"a\":1}");
        assertThat(changed.metadataJson()).isEqualTo("{\"receivedAt\":\"now\"}");
        assertThat(Event.of("e-3", "A", "2024-01-01T00:00:00Z", "s", JsonNodeFactory.instance.objectNode()).metadataJson())
                .isNull();
    }

    @Test
    void fieldsOutsideTheEnvelopeAreLeftOut() {
        Event event = CODEC.decode(("{\"eventId\":\"e-2\",\"eventType\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\","
                + "\"source\":\"s\",\"data\":{},\"region\":\"eu\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(event.envelope().has("region")).isFalse();
        assertThat(new String(event.bytes(), StandardCharsets.UTF_8)).doesNotContain("region");
    }

    @Test
    void anEditCopiesWhatItChangesSharesTheRestAndLeavesTheOriginalAsItWas() {
        Event original = sent();
        byte[] before = original.bytes().clone();

        Event.Edit edit = original.edit();
        edit.object(Event.METADATA, "enrichment").put("customer", "failed");
        edit.object(Event.DATA).put("customer", "C-1");
        Event changed = edit.done();

        assertThat(original.bytes()).isEqualTo(before);
        assertThat(original.metadata().has("enrichment")).isFalse();
        assertThat(changed.metadata().get("enrichment").get("customer").textValue()).isEqualTo("failed");
        assertThat(changed.data().get("customer").textValue()).isEqualTo("C-1");
        assertThat(changed.data()).isNotSameAs(original.data());
        assertThat(changed.data().get("lines")).isSameAs(original.data().get("lines"));
        assertThat(changed.metadata().get("tags")).isSameAs(original.metadata().get("tags"));
        assertThat(changed.bytes()).as("written once").isSameAs(changed.bytes());
    }

    @Test
    void anEditIsValidatedLikeInput() {
        assertThatThrownBy(() -> sent().edit().set(Event.TIMESTAMP, "yesterday").done())
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("field 'timestamp': must be an ISO-8601 instant");
        assertThatThrownBy(() -> sent().edit().set(Event.DATA, JsonNodeFactory.instance.arrayNode()).done())
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("field 'data': must be a JSON object, was an array");
    }

    @Test
    void bytesWithAddsFieldsToTheEnvelopesJson() {
        ObjectNode positions = JsonNodeFactory.instance.objectNode().put("stream", "order-1").put("globalPosition", 7);

        String json = new String(sent().bytesWith(positions), StandardCharsets.UTF_8);

        assertThat(Event.readJson(json).get("stream").textValue()).isEqualTo("order-1");
        assertThat(Event.readJson(json).get("globalPosition").intValue()).isEqualTo(7);
        assertThat(Event.readJson(json).get("data")).isEqualTo(sent().data());
    }
}
