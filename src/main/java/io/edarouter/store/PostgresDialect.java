package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** PostgreSQL, the production database. */
final class PostgresDialect extends Dialect {

    /** The channel appends notify, with the last global position as payload. */
    static final String CHANNEL = "eda_event_store";
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', ?)";
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    String vendor() {
        return "postgresql";
    }

    @Override
    String jsonParameter() {
        return "CAST(? AS json)";
    }

    /** PostgreSQL delivers notifications at commit, in commit order, to every listening session. */
    @Override
    void notifyAppended(Connection connection, long lastPosition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(NOTIFY)) {
            statement.setString(1, Long.toString(lastPosition));
            statement.execute();
        }
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    boolean hasSessionLocks() {
        return true;
    }
}
