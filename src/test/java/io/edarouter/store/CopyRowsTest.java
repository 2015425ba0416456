package io.edarouter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.junit.jupiter.api.Test;

/** The row COPY reads: each field escaped where COPY's text format needs it, absent ones as {@code \N}. */
class CopyRowsTest {

    private static final EventCodec CODEC = new EventCodec();

    @Test
    void escapesBackslashesTabsAndLineBreaksAnywhereInAField() {
        // JSON keeps a backslash escaped and control characters as \t, \n; the subject's text has them raw
        Event event = CODEC.decode(("{\"eventId\":\"e-1\",\"eventType\":\"OrderCreated\",\"timestamp\":\"2026-11-30T00:00:00Z\","
                + "\"source\":\"test\",\"subject\":\"\\ttab\\nline\\rreturn\\\\slash\\t\","
                + "\"data\":{\"note\":\"a\\\\b\\tc\"}}").getBytes(StandardCharsets.UTF_8));
        StringBuilder rows = new StringBuilder();

        CopyRows.append(rows, 7, "order-1", 0, event, "2026-11-30 00:00:01.000000+00:00");

        String[] fields = rows.toString().split("\t", -1);
        assertThat(fields[0]).isEqualTo("7");
        assertThat(fields[1]).isEqualTo("order-1");
        assertThat(fields[4]).isEqualTo("e-1");
        assertThat(fields[8]).isEqualTo("\\ttab\\nline\\rreturn\\\\slash\\t");
        assertThat(fields[9]).isEqualTo("\\N");
        assertThat(fields[12]).isEqualTo("{\"note\":\"a\\\\\\\\b\\\\tc\"}");
        assertThat(fields[14]).isEqualTo("2026-11-30 00:00:01.000000+00:00\n");
        assertThat(rows.toString()).doesNotContain("\r").doesNotContain("\n2026").endsWith("\n");
    }
}
