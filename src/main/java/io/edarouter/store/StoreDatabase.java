package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * The store's database: its DataSource, the {@link Dialect} it speaks, and the two ways every part of the store
 * works on it, a READ COMMITTED transaction or a single connection.
 */
final class StoreDatabase {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final boolean readCommittedPool;

    /**
     * {@code readCommittedPool}: the DataSource hands out READ COMMITTED connections and sets them back after use
     * (the store's own pool), so a transaction need not set it, a round trip on PostgreSQL.
     */
    StoreDatabase(DataSource dataSource, boolean readCommittedPool) {
        this.dataSource = dataSource;
        this.dialect = dialectOf(dataSource);
        this.readCommittedPool = readCommittedPool;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Dialect dialect() {
        return dialect;
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one READ COMMITTED transaction; store exceptions pass through unchanged. */
    <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            dialect.beforeWrite(connection);
            if (!readCommittedPool) {
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new EventStoreException("event store transaction failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on one connection; a failure is an {@link EventStoreException} saying {@code cannot}. */
    <T> T withConnection(String cannot, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new EventStoreException(cannot + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The first column of the first row as a long; -1 when there is no row or the value is null. */
    static long queryLong(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return -1;
                }
                long value = rows.getLong(1);
                return rows.wasNull() ? -1 : value;
            }
        }
    }

    private static Dialect dialectOf(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return new PostgresDialect();
            }
            if (product.contains("h2")) {
                return new H2Dialect();
            }
            throw new IllegalArgumentException("the event store runs on PostgreSQL or H2, not on " + product);
        } catch (SQLException e) {
            throw new EventStoreException("cannot connect to the event store database: " + e.getMessage(), e);
        }
    }
}
