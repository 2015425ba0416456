package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A lease kept in a table row ({@code lease_owner}, {@code lease_expires_at} in epoch millis): taken when free,
 * expired or already ours, renewed by its owner, released. What the H2 subscriptions ({@link H2LeaseSession}) and the
 * Kinesis shards ({@link ShardLeases}) share; each keeps its own checkpoint write, conditional on the lease.
 *
 * @param table     the table (a constant of the store, never input)
 * @param keyColumn its key column
 */
record RowLease(String table, String keyColumn) {

    /** Takes the lease if it is free, expired or already {@code owner}'s; true when {@code owner} holds it now. */
    boolean acquire(Connection connection, String key, String owner, long leaseMillis) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement acquire = connection.prepareStatement("UPDATE " + table
                + " SET lease_owner = ?, lease_expires_at = ? WHERE " + keyColumn
                + " = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at < ?)")) {
            acquire.setString(1, owner);
            acquire.setLong(2, now + leaseMillis);
            acquire.setString(3, key);
            acquire.setString(4, owner);
            acquire.setLong(5, now);
            return acquire.executeUpdate() == 1;
        }
    }

    /** Extends the lease while {@code owner} holds it; false when it does not (any more). */
    boolean renew(Connection connection, String key, String owner, long leaseMillis) throws SQLException {
        try (PreparedStatement renew = connection.prepareStatement("UPDATE " + table
                + " SET lease_expires_at = ? WHERE " + keyColumn + " = ? AND lease_owner = ?")) {
            renew.setLong(1, System.currentTimeMillis() + leaseMillis);
            renew.setString(2, key);
            renew.setString(3, owner);
            return renew.executeUpdate() == 1;
        }
    }

    /** Gives the lease up if {@code owner} holds it. */
    void release(Connection connection, String key, String owner) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement("UPDATE " + table
                + " SET lease_owner = NULL, lease_expires_at = NULL WHERE " + keyColumn + " = ? AND lease_owner = ?")) {
            release.setString(1, key);
            release.setString(2, owner);
            release.executeUpdate();
        }
    }
}
