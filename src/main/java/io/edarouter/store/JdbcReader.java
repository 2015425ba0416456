package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.event.Event;

/**
 * The store's reads: a stream, all streams, a category or an event type, either way from a version or position;
 * what a subscription filter selects; and the counts operators see (head, lag, the position at a time).
 */
final class JdbcReader {

    private final StoreDatabase database;

    JdbcReader(StoreDatabase database) {
        this.database = database;
    }

    List<RecordedEvent> readStream(String stream, long fromVersion, int limit, ReadDirection direction) {
        Objects.requireNonNull(direction, "direction");
        if (direction == ReadDirection.FORWARD) {
            return read(Dialect.READ_STREAM_FORWARD, limit, stream, Math.max(0, fromVersion));
        }
        return read(Dialect.READ_STREAM_BACKWARD, limit, stream, fromVersion < 0 ? Long.MAX_VALUE : fromVersion);
    }

    List<RecordedEvent> readAll(long fromPosition, int limit, ReadDirection direction) {
        return direction == ReadDirection.FORWARD
                ? read(Dialect.READ_ALL, limit, Math.max(0, fromPosition))
                : read(Dialect.READ_ALL_BACKWARD, limit, backwardFrom(fromPosition));
    }

    List<RecordedEvent> readCategory(String category, long fromPosition, int limit, ReadDirection direction) {
        Objects.requireNonNull(category, "category");
        return direction == ReadDirection.FORWARD
                ? read(Dialect.READ_CATEGORY, limit, category, Math.max(0, fromPosition))
                : read(Dialect.READ_CATEGORY_BACKWARD, limit, category, backwardFrom(fromPosition));
    }

    List<RecordedEvent> readEventType(String eventType, long fromPosition, int limit, ReadDirection direction) {
        Objects.requireNonNull(eventType, "eventType");
        return direction == ReadDirection.FORWARD
                ? read(Dialect.READ_EVENT_TYPE, limit, eventType, Math.max(0, fromPosition))
                : read(Dialect.READ_EVENT_TYPE_BACKWARD, limit, eventType, backwardFrom(fromPosition));
    }

    /** A backward read's start: a negative position means the newest. */
    private static long backwardFrom(long fromPosition) {
        return fromPosition < 0 ? Long.MAX_VALUE : fromPosition;
    }

    /** Reads what a subscription filter selects, from a global position on, ascending. */
    List<RecordedEvent> read(SubscriptionFilter filter, long fromPosition, int limit) {
        checkLimit(limit);
        return database.withConnection("cannot read events",
                connection -> read(connection, filter, fromPosition, limit));
    }

    /** Reads what a subscription filter selects on the given connection (a subscription's own). */
    List<RecordedEvent> read(Connection connection, SubscriptionFilter filter, long fromPosition, int limit)
            throws SQLException {
        long from = Math.max(0, fromPosition);
        return switch (filter.kind()) {
            case ALL -> read(connection, Dialect.READ_ALL, limit, from);
            case CATEGORY -> read(connection, Dialect.READ_CATEGORY, limit, filter.value(), from);
            case EVENT_TYPE -> read(connection, Dialect.READ_EVENT_TYPE, limit, filter.value(), from);
            case STREAM -> read(connection, Dialect.READ_STREAM_FROM_POSITION, limit, filter.value(), from);
        };
    }

    long headPosition() {
        return database.withConnection("cannot read the head position",
                connection -> StoreDatabase.queryLong(connection, Dialect.HEAD));
    }

    /** See {@link EventStore#lag}. */
    long lag(SubscriptionFilter filter, long position) {
        long from = Math.max(0, position);
        if (filter.kind() == SubscriptionFilter.Kind.ALL) {
            return Math.max(0, headPosition() - from);
        }
        String sql = switch (filter.kind()) {
            case CATEGORY -> Dialect.COUNT_CATEGORY;
            case EVENT_TYPE -> Dialect.COUNT_EVENT_TYPE;
            default -> Dialect.COUNT_STREAM;
        };
        return database.withConnection("cannot count the events of " + filter + " from position " + from,
                connection -> StoreDatabase.queryLong(connection, sql, filter.value(), from,
                        EventStore.MAX_COUNTED_LAG));
    }

    /** See {@link EventStore#positionAt}. */
    long positionAt(Instant time) {
        long position = database.withConnection("cannot find the position at " + time,
                connection -> StoreDatabase.queryLong(connection, Dialect.POSITION_AT, time.atOffset(ZoneOffset.UTC)));
        return position >= 0 ? position : headPosition();
    }

    private List<RecordedEvent> read(String sql, int limit, Object... parameters) {
        checkLimit(limit);
        return database.withConnection("cannot read events", connection -> read(connection, sql, limit, parameters));
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
    }

    static List<RecordedEvent> read(Connection connection, String sql, int limit, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object parameter : parameters) {
                select.setObject(index++, parameter);
            }
            select.setInt(index, limit);
            select.setFetchSize(Math.min(limit, 1000));
            List<RecordedEvent> events = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(recordedEvent(rows));
                }
            }
            return events;
        }
    }

    private static RecordedEvent recordedEvent(ResultSet rows) throws SQLException {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put(Event.EVENT_ID, rows.getString("event_id"));
        envelope.put(Event.EVENT_TYPE, rows.getString("event_type"));
        envelope.put(Event.TIMESTAMP, rows.getString("event_timestamp"));
        envelope.put(Event.SOURCE, rows.getString("source"));
        putIfSet(envelope, Event.SUBJECT, rows.getString("subject"));
        putIfSet(envelope, Event.CORRELATION_ID, rows.getString("correlation_id"));
        putIfSet(envelope, Event.CAUSATION_ID, rows.getString("causation_id"));
        putIfSet(envelope, Event.SCHEMA_VERSION, rows.getString("schema_version"));
        envelope.set(Event.DATA, Event.readJson(rows.getString("data")));
        String metadata = rows.getString("metadata");
        if (metadata != null) {
            envelope.set(Event.METADATA, Event.readJson(metadata));
        }
        Event event = Event.of(envelope);
        return new RecordedEvent(event, rows.getString("stream_name"), rows.getLong("stream_version"),
                rows.getLong("global_position"), rows.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }

    private static void putIfSet(ObjectNode envelope, String field, String value) {
        if (value != null) {
            envelope.put(field, value);
        }
    }
}
