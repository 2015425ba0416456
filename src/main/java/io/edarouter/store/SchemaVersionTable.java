package io.edarouter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered schema versions in table {@code eda_schemas} (migration V5) of the store's database, as text: the
 * store knows nothing of JSON Schema, the schema package does. Rows are only ever inserted, so a version once
 * registered is immutable for every router instance sharing the database.
 */
public final class SchemaVersionTable {

    /** One row: a version of an event type's schema, its JSON text, whether it came from a file or HTTP. */
    public record Row(String eventType, int version, String schemaJson, String origin, java.time.Instant registeredAt) {
    }

    private static final String SELECT_ALL = "SELECT event_type, version, schema_json, origin, registered_at"
            + " FROM eda_schemas ORDER BY event_type, version";
    private static final String INSERT = "INSERT INTO eda_schemas (event_type, version, schema_json, origin,"
            + " registered_at) VALUES (?, ?, ?, ?, ?)";
    /** SQLSTATE of a unique violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final StoreDatabase database;

    SchemaVersionTable(StoreDatabase database) {
        this.database = database;
    }

    /** Every registered version, by event type then version. */
    public List<Row> all() {
        return database.withConnection("cannot read the registered schemas", connection -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_ALL);
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1), result.getInt(2), result.getString(3), result.getString(4),
                            result.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return rows;
        });
    }

    /**
     * Inserts a version; false when that version of the type is already registered (by another instance, or an
     * earlier start), in which case nothing changed.
     */
    public boolean insert(Row row) {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, row.eventType());
                    insert.setInt(2, row.version());
                    insert.setString(3, row.schemaJson());
                    insert.setString(4, row.origin());
                    insert.setObject(5, row.registeredAt().atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                    return true;
                }
            });
        } catch (EventStoreException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
