package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The lease table of the Kinesis shards the router consumes ({@code es_kinesis_leases}, as the Kinesis Client Library
 * keeps one): per shard, the checkpoint (the sequence number of the last record stored and dispatched) and the lease
 * of the router instance that reads it. Kept in the event store's database, so a checkpoint is as durable as the
 * events it stands for. Every checkpoint write is conditional on holding the lease: an instance that lost a shard
 * cannot move its checkpoint. Leases expire unless renewed (their owner died); an owner hands a shard over to an
 * instance that asked for it ({@link #ask}) only between two batches ({@link #handOver}), so two instances never read
 * a shard at once while both live.
 */
public final class ShardLeases {

    private static final RowLease LEASE = new RowLease("es_kinesis_leases", "lease_key");
    private static final String LIST = "SELECT shard_id, sequence_number, lease_owner, lease_expires_at, wanted_by"
            + " FROM es_kinesis_leases WHERE stream_name = ? ORDER BY shard_id";
    private static final String EXISTS = "SELECT 1 FROM es_kinesis_leases WHERE lease_key = ?";
    private static final String INSERT = "INSERT INTO es_kinesis_leases (lease_key, stream_name, shard_id, updated_at)"
            + " VALUES (?, ?, ?, ?)";
    private static final String CHECKPOINT = "UPDATE es_kinesis_leases SET sequence_number = ?, updated_at = ?,"
            + " lease_expires_at = ? WHERE lease_key = ? AND lease_owner = ?";
    private static final String ASK = "UPDATE es_kinesis_leases SET wanted_by = ?"
            + " WHERE lease_key = ? AND lease_owner = ? AND wanted_by IS NULL";
    private static final String HAND_OVER = "UPDATE es_kinesis_leases SET lease_owner = wanted_by, wanted_by = NULL,"
            + " lease_expires_at = ? WHERE lease_key = ? AND lease_owner = ? AND wanted_by IS NOT NULL";
    private static final String CLEAR_ASK = "UPDATE es_kinesis_leases SET wanted_by = NULL WHERE lease_key = ? AND wanted_by = ?";

    /**
     * One shard's row.
     *
     * @param shardId        the shard
     * @param sequenceNumber the checkpoint: the last record done with, or null (none yet: from the oldest)
     * @param owner          the instance holding the lease, or null
     * @param expiresAt      when the lease runs out (epoch millis), 0 when none is held
     * @param wantedBy       the instance that asked for the shard, or null
     */
    public record Shard(String shardId, String sequenceNumber, String owner, long expiresAt, String wantedBy) {

        /** Whether an instance holds the lease at {@code now}. */
        public boolean isLeased(long now) {
            return owner != null && expiresAt >= now;
        }
    }

    private final StoreDatabase database;

    ShardLeases(StoreDatabase database) {
        this.database = database;
    }

    /** The rows of a stream's shards, by shard id. */
    public List<Shard> list(String stream) {
        return database.withConnection("cannot read the Kinesis leases of " + stream, connection -> {
            try (PreparedStatement select = connection.prepareStatement(LIST)) {
                select.setString(1, stream);
                try (ResultSet rows = select.executeQuery()) {
                    List<Shard> shards = new ArrayList<>();
                    while (rows.next()) {
                        long expires = rows.getLong(4);
                        shards.add(new Shard(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.wasNull() ? 0 : expires, rows.getString(5)));
                    }
                    return shards;
                }
            }
        });
    }

    /** Creates the rows of shards not seen before (no checkpoint, no owner). */
    public void ensure(String stream, List<String> shardIds) {
        database.inTransaction(connection -> {
            for (String shard : shardIds) {
                if (StoreDatabase.queryLong(connection, EXISTS, key(stream, shard)) >= 0) {
                    continue;
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, key(stream, shard));
                    insert.setString(2, stream);
                    insert.setString(3, shard);
                    insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Takes a shard's lease if it is free or expired; true when {@code owner} holds it now. */
    public boolean acquire(String stream, String shard, String owner, long leaseMillis) {
        return database.inTransaction(connection -> LEASE.acquire(connection, key(stream, shard), owner, leaseMillis));
    }

    /** Extends a lease {@code owner} holds; false when it holds it no more. */
    public boolean renew(String stream, String shard, String owner, long leaseMillis) {
        return database.inTransaction(connection -> LEASE.renew(connection, key(stream, shard), owner, leaseMillis));
    }

    /** Gives a lease up (a stopping instance), so another takes the shard without waiting for it to expire. */
    public void release(String stream, String shard, String owner) {
        database.inTransaction(connection -> {
            LEASE.release(connection, key(stream, shard), owner);
            return null;
        });
    }

    /** The shard's checkpoint (null: none yet). */
    public String checkpoint(String stream, String shard) {
        return list(stream).stream().filter(row -> row.shardId().equals(shard)).findFirst()
                .map(Shard::sequenceNumber).orElse(null);
    }

    /**
     * Saves the shard's checkpoint, and renews the lease, only while {@code owner} holds it; false when it does not
     * (another instance reads the shard now and resumes from the checkpoint it found).
     */
    public boolean saveCheckpoint(String stream, String shard, String owner, String sequenceNumber, long leaseMillis) {
        return database.inTransaction(connection -> {
            try (PreparedStatement save = connection.prepareStatement(CHECKPOINT)) {
                save.setString(1, sequenceNumber);
                save.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                save.setLong(3, System.currentTimeMillis() + leaseMillis);
                save.setString(4, key(stream, shard));
                save.setString(5, owner);
                return save.executeUpdate() == 1;
            }
        });
    }

    /** Asks {@code owner} for its shard on behalf of {@code asker}, unless someone asked already; true when asked. */
    public boolean ask(String stream, String shard, String owner, String asker) {
        return database.inTransaction(connection -> update(connection, ASK, asker, key(stream, shard), owner) == 1);
    }

    /** Withdraws {@code asker}'s request for the shard (it has its share by now). */
    public void withdraw(String stream, String shard, String asker) {
        database.inTransaction(connection -> update(connection, CLEAR_ASK, key(stream, shard), asker));
    }

    /** Gives the shard to the instance that asked for it, if {@code owner} holds it; true when handed over. */
    public boolean handOver(String stream, String shard, String owner, long leaseMillis) {
        return database.inTransaction(connection -> {
            try (PreparedStatement hand = connection.prepareStatement(HAND_OVER)) {
                hand.setLong(1, System.currentTimeMillis() + leaseMillis);
                hand.setString(2, key(stream, shard));
                hand.setString(3, owner);
                return hand.executeUpdate() == 1;
            }
        });
    }

    private static int update(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setString(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    private static String key(String stream, String shard) {
        return stream + "/" + shard;
    }
}
