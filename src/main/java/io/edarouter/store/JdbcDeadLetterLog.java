package io.edarouter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dead letters in table {@code eda_dead_letters} (migration V2) of the store's database. */
final class JdbcDeadLetterLog implements DeadLetterLog {

    private static final String COLUMNS = "id, created_at, kind, subscription, source_topic, source_partition,"
            + " source_offset, source_message_id, stream_name, stream_version, global_position, stage, reason,"
            + " attempts, event_id, headers, redriven_at";
    private static final String INSERT = "INSERT INTO eda_dead_letters (created_at, kind, subscription, source_topic,"
            + " source_partition, source_offset, source_message_id, stream_name, stream_version, global_position,"
            + " stage, reason, attempts, event_id, payload, headers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + ", payload FROM eda_dead_letters WHERE id = ?";
    private static final String MARK_REDRIVEN = "UPDATE eda_dead_letters SET redriven_at = ? WHERE id = ?";
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() { };

    private final StoreDatabase database;
    private final ObjectMapper json;

    JdbcDeadLetterLog(StoreDatabase database, ObjectMapper json) {
        this.database = database;
        this.json = json;
    }

    @Override
    public long record(DeadLetter d) {
        String headers;
        try {
            headers = json.writeValueAsString(d.headers());
        } catch (JsonProcessingException e) {
            throw new EventStoreException("cannot write the headers of a dead letter: " + e.getMessage(), e);
        }
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
                insert.setObject(1, d.createdAt().atOffset(ZoneOffset.UTC));
                insert.setString(2, d.kind().label());
                insert.setString(3, d.subscription());
                insert.setString(4, d.sourceTopic());
                setNullable(insert, 5, d.sourcePartition(), Types.INTEGER);
                setNullable(insert, 6, d.sourceOffset(), Types.BIGINT);
                insert.setString(7, d.sourceMessageId());
                insert.setString(8, d.stream());
                setNullable(insert, 9, d.streamVersion(), Types.BIGINT);
                setNullable(insert, 10, d.globalPosition(), Types.BIGINT);
                insert.setString(11, d.stage());
                insert.setString(12, d.reason());
                insert.setInt(13, d.attempts());
                insert.setString(14, d.eventId());
                insert.setBytes(15, d.payload());
                insert.setString(16, headers);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public List<DeadLetter> list(DeadLetter.Kind kind, String subscription, boolean notRedriven, boolean withPayload,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(withPayload ? ", payload" : "")
                .append(" FROM eda_dead_letters WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (kind != null) {
            sql.append(" AND kind = ?");
            parameters.add(kind.label());
        }
        if (subscription != null) {
            sql.append(" AND subscription = ?");
            parameters.add(subscription);
        }
        if (notRedriven) {
            sql.append(" AND redriven_at IS NULL");
        }
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(limit);
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                return rows(select, withPayload);
            }
        });
    }

    @Override
    public Optional<DeadLetter> find(long id) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setLong(1, id);
                return rows(select, true).stream().findFirst();
            }
        });
    }

    @Override
    public void markRedriven(long id) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(MARK_REDRIVEN)) {
                update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    private List<DeadLetter> rows(PreparedStatement select, boolean withPayload) throws SQLException {
        List<DeadLetter> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                found.add(deadLetter(rows, withPayload));
            }
        }
        return found;
    }

    private DeadLetter deadLetter(ResultSet rows, boolean withPayload) throws SQLException {
        Map<String, String> headers;
        try {
            String text = rows.getString("headers");
            headers = text == null ? Map.of() : json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new EventStoreException("unreadable headers of dead letter " + rows.getLong("id"), e);
        }
        OffsetDateTime redriven = rows.getObject("redriven_at", OffsetDateTime.class);
        return new DeadLetter(rows.getLong("id"), rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                DeadLetter.Kind.parse(rows.getString("kind")), rows.getString("subscription"),
                rows.getString("source_topic"), nullable(rows, "source_partition", Integer.class),
                nullable(rows, "source_offset", Long.class), rows.getString("source_message_id"),
                rows.getString("stream_name"), nullable(rows, "stream_version", Long.class),
                nullable(rows, "global_position", Long.class), rows.getString("stage"), rows.getString("reason"),
                rows.getInt("attempts"), rows.getString("event_id"), withPayload ? rows.getBytes("payload") : null,
                headers, redriven == null ? null : redriven.toInstant());
    }

    private static <T> T nullable(ResultSet rows, String column, Class<T> type) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        Number number = (Number) value;
        return type.cast(type == Integer.class ? (Object) number.intValue() : (Object) number.longValue());
    }

    private static void setNullable(PreparedStatement statement, int index, Number value, int sqlType)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value, sqlType);
        }
    }
}
