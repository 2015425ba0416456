package io.edarouter.schema;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The modes of eda.schemas.mode and how an event's schemaVersion selects the version it is checked against. */
class SchemaValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = new EventCodec();

    private final StoredSchemaRegistry registry = inMemory();

    /** A registry of versions in memory, compatibility NONE (these tests are about validation). */
    static StoredSchemaRegistry inMemory() {
        return new StoredSchemaRegistry(null, null, type -> CompatibilityMode.NONE, Path.of("no-such-folder"),
                Duration.ZERO);
    }

    private SchemaValidation validation(SchemaMode mode) {
        return new SchemaValidation(type -> mode, () -> registry);
    }

    private void register(String schema) throws Exception {
        registry.register("OrderCreated", JSON.readTree(schema));
    }

    private static Event order(String schemaVersion, String data) {
        return CODEC.decode(("{\"eventId\":\"e-1\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2026-11-30T00:00:00Z\","
                + "\"source\":\"test\"" + (schemaVersion == null ? "" : ",\"schemaVersion\":\"" + schemaVersion + "\"")
                + ",\"data\":" + data + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void withoutSchemaVersionTheLatestVersionDecides() throws Exception {
        register("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\"}}}");
        register("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\",\"minimum\":0}}}");
        SchemaValidation validation = validation(SchemaMode.VALIDATE_KNOWN);

        assertThatThrownBy(() -> validation.check(order(null, "{\"amount\":-1}")))
                .isInstanceOfSatisfying(SchemaViolationException.class, e -> {
                    assertThat(e.getStage()).isEqualTo("schema");
                    assertThat(e.getPointer()).isEqualTo("/amount");
                    assertThat(e.getRule()).isEqualTo("minimum");
                    assertThat(e.getReason()).contains("version 2");
                });
        assertThatCode(() -> validation.check(order("1", "{\"amount\":-1}"))).doesNotThrowAnyException();
    }

    @Test
    void anUnregisteredSchemaVersionOfAKnownTypeIsRefused() throws Exception {
        register("{\"type\":\"object\"}");
        assertThatThrownBy(() -> validation(SchemaMode.VALIDATE_KNOWN).check(order("7", "{}")))
                .isInstanceOf(SchemaViolationException.class)
                .hasMessageContaining("schemaVersion '7' is not a registered version of OrderCreated (registered: 1)");
    }

    @Test
    void aTypeWithoutSchemaPassesInValidateKnownAndIsRefusedInRegisteredOnly() {
        assertThatCode(() -> validation(SchemaMode.VALIDATE_KNOWN).check(order(null, "{\"amount\":\"x\"}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> validation(SchemaMode.REGISTERED_ONLY).check(order(null, "{}")))
                .isInstanceOf(SchemaViolationException.class)
                .hasMessageContaining("OrderCreated has no registered schema");
    }

    @Test
    void offChecksNothing() throws Exception {
        register("{\"type\":\"object\",\"required\":[\"amount\"]}");
        assertThatCode(() -> validation(SchemaMode.OFF).check(order(null, "{}"))).doesNotThrowAnyException();
    }

    @Test
    void modesAreReadAsWritten() {
        assertThat(SchemaMode.parse("k", "validate-known")).isEqualTo(SchemaMode.VALIDATE_KNOWN);
        assertThat(SchemaMode.parse("k", "Registered-Only")).isEqualTo(SchemaMode.REGISTERED_ONLY);
        assertThatThrownBy(() -> SchemaMode.parse("eda.schemas.mode", "strict"))
                .hasMessage("eda.schemas.mode is off, validate-known or registered-only, was 'strict'");
    }
}
