package io.edarouter.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.edarouter.event.Event;

/**
 * Rows in PostgreSQL's {@code COPY} text format: events as rows of {@code es_events}, how {@link PostgresDialect}
 * inserts an append's events and what the throughput benchmark's raw COPY writes, so the two compare the same rows;
 * and the journey's rows of {@code eda_dispatches}.
 */
public final class CopyRows {

    /** The COPY that reads the rows. */
    public static final String COPY_EVENTS = "COPY es_events (global_position, stream_name, stream_version, category,"
            + " event_id, event_type, event_timestamp, source, subject, correlation_id, causation_id, schema_version,"
            + " data, metadata, recorded_at) FROM STDIN";
    /** The COPY that reads {@link #appendDispatch} rows. */
    static final String COPY_DISPATCHES = "COPY eda_dispatches (first_position, last_position, dispatched_at, copies) FROM STDIN";
    /** recorded_at as COPY reads it; all six fraction digits, so no instant prints without its seconds. */
    private static final DateTimeFormatter RECORDED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);
    /** What COPY's text format escapes in a field, and how. */
    private static final char[] SPECIAL = {'\\', '\t', '\n', '\r'};
    private static final String[] ESCAPED = {"\\\\", "\\t", "\\n", "\\r"};

    private CopyRows() {
    }

    /** The text of a recorded_at (or any timestamp with time zone) column. */
    public static String recordedAt(Instant instant) {
        return RECORDED_AT.format(instant);
    }

    /** Appends the event's row and its line break. */
    public static void append(StringBuilder rows, long position, String stream, long version, Event event,
            String recordedAt) {
        rows.append(position).append('\t');
        field(rows, stream);
        rows.append(version).append('\t');
        field(rows, StreamNames.category(stream));
        field(rows, event.eventId());
        field(rows, event.eventType());
        field(rows, event.timestamp());
        field(rows, event.source());
        field(rows, event.subject());
        field(rows, event.correlationId());
        field(rows, event.causationId());
        field(rows, event.schemaVersion());
        field(rows, event.dataJson());
        field(rows, event.metadataJson());
        rows.append(recordedAt).append('\n');
    }

    /** Appends the dispatch's row of {@code eda_dispatches} and its line break; {@code dispatchedAt} as {@link #recordedAt}. */
    static void appendDispatch(StringBuilder rows, DispatchRecord dispatch, String dispatchedAt) {
        rows.append(dispatch.firstPosition()).append('\t').append(dispatch.lastPosition()).append('\t')
                .append(dispatchedAt).append('\t');
        field(rows, dispatch.copiesText());
        rows.setCharAt(rows.length() - 1, '\n');
    }

    /**
     * A field and its tab: {@code \N} for null, backslash, tab and line breaks escaped. The runs between them are
     * appended whole, found by {@link String#indexOf(int, int)} (vectorised): a character at a time was 13% of the
     * consumer thread (data is about 1 KB an event), a charAt loop still 8%.
     */
    private static void field(StringBuilder row, String value) {
        if (value == null) {
            row.append("\\N\t");
            return;
        }
        int[] next = new int[SPECIAL.length];
        for (int k = 0; k < SPECIAL.length; k++) {
            next[k] = value.indexOf(SPECIAL[k]);
        }
        int run = 0;
        while (true) {
            int k = -1;
            for (int j = 0; j < next.length; j++) {
                if (next[j] >= 0 && (k < 0 || next[j] < next[k])) {
                    k = j;
                }
            }
            if (k < 0) {
                break;
            }
            int at = next[k];
            row.append(value, run, at).append(ESCAPED[k]);
            run = at + 1;
            next[k] = value.indexOf(SPECIAL[k], run);
        }
        row.append(value, run, value.length()).append('\t');
    }
}
