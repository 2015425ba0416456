package io.edarouter.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The envelope's timestamp is read as {@link Instant#parse} reads it: the same instants, the same refusals. */
class EnvelopeTest {

    @Test
    void timestampsAreReadAsInstantParseReadsThem() {
        List<String> accepted = List.of("2024-01-01T00:00:00Z", "2024-01-01T02:00:00.000+02:00",
                "2024-02-29T23:59:59.123456789Z", "1999-12-31T23:59:59.5-05:30", "0000-01-01T00:00:00Z",
                "2024-06-30T12:00:00.1+17:59", "2024-06-30T12:00:00-00:00", "2024-06-30T12:00:00+18:00",
                "2024-06-30t12:00:00z", "2016-12-31T23:59:60Z", "2024-01-01T24:00:00Z", "+12024-01-01T00:00:00Z",
                "2024-01-01T00:00:00.123456Z", "2024-01-01T00:00:00.Z");
        for (String text : accepted) {
            assertThat(Envelope.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        List<String> refused = List.of("2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T00:00:00",
                "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00+0200", "2024-01-01T00:60:00Z",
                "2024-01-01T00:00:00+2:00", "2024-01-01T00:00:00+19:00", "2024-01-01 00:00:00Z", "2024-1-01T00:00:00Z",
                "2024-01-01T00:00:0aZ", "2024-01-01T00:00:00ZZ", "yesterday");
        for (String text : refused) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> Envelope.parseInstant(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
