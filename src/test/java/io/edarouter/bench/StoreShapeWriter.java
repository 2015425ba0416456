package io.edarouter.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.testsupport.PostgresTestDatabase;

/**
 * The hand-written loop's writer: parses each event with Jackson and inserts it into a fresh database's
 * {@code es_events} (the store's own table, created by its migrations), with the global position and stream version
 * counted in memory (one writer), as one JDBC batch ({@code reWriteBatchedInserts=true}) and one transaction per
 * {@link #commit()}.
 */
final class StoreShapeWriter implements AutoCloseable {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.shared();

    static final String INSERT = "INSERT INTO es_events (global_position, stream_name, stream_version, category,"
            + " event_id, event_type, event_timestamp, source, subject, correlation_id, causation_id, schema_version,"
            + " data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS json), NULL, ?)"
            + " ON CONFLICT DO NOTHING";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;
    private final Connection connection;
    private final PreparedStatement insert;
    private final Map<String, Long> versions = new HashMap<>();
    private long nextPosition;
    private int pending;

    /** A fresh database, migrated as the store migrates it. */
    StoreShapeWriter() throws SQLException {
        this.jdbcUrl = POSTGRES.newDatabase();
        JdbcEventStore.open(jdbcUrl, POSTGRES.user(), POSTGRES.password(), 2).close();
        this.connection = DriverManager.getConnection(StoreLatency.applied(jdbcUrl) + "?reWriteBatchedInserts=true",
                POSTGRES.user(), POSTGRES.password());
        connection.setAutoCommit(false);
        this.insert = connection.prepareStatement(INSERT);
    }

    /** The writer's database. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The event's stream and type, as the loop needs them to dispatch. */
    record Parsed(String stream, String eventType) {
    }

    /** Parses one event and adds its row to the open batch. */
    Parsed add(byte[] value) throws IOException, SQLException {
        JsonNode event = JSON.readTree(value);
        String stream = event.path("subject").asText();
        String type = event.path("eventType").asText();
        long version = versions.merge(stream, 1L, Long::sum) - 1;
        insert.setLong(1, nextPosition++);
        insert.setString(2, stream);
        insert.setLong(3, version);
        int dash = stream.indexOf('-');
        insert.setString(4, dash < 0 ? stream : stream.substring(0, dash));
        insert.setString(5, event.path("eventId").asText());
        insert.setString(6, type);
        insert.setString(7, event.path("timestamp").asText());
        insert.setString(8, event.path("source").asText());
        insert.setString(9, stream);
        insert.setString(10, text(event, "correlationId"));
        insert.setString(11, text(event, "causationId"));
        insert.setString(12, text(event, "schemaVersion"));
        insert.setString(13, JSON.writeValueAsString(event.path("data")));
        insert.setObject(14, OffsetDateTime.now(ZoneOffset.UTC));
        insert.addBatch();
        pending++;
        return new Parsed(stream, type);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Inserts the batch in one transaction; returns how many events it held. */
    int commit() throws SQLException {
        int events = pending;
        if (events > 0) {
            insert.executeBatch();
            connection.commit();
            pending = 0;
        }
        return events;
    }

    @Override
    public void close() throws SQLException {
        insert.close();
        connection.close();
    }
}
