package io.edarouter.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** H2, the embedded default. */
final class H2Dialect extends Dialect {

    /** Writers queue on the head row; H2's default lock timeout (1 s) is too short under load. */
    private static final String LOCK_TIMEOUT = "SET LOCK_TIMEOUT 60000";
    private static final int UNIQUE_VIOLATION = 23505;

    @Override
    String vendor() {
        return "h2";
    }

    @Override
    String jsonParameter() {
        return "?";
    }

    @Override
    void beforeWrite(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(LOCK_TIMEOUT);
        }
    }

    @Override
    boolean isUniqueViolationItself(SQLException e) {
        return e.getErrorCode() == UNIQUE_VIOLATION;
    }

    @Override
    boolean hasSessionLocks() {
        return false;
    }
}
