package io.edarouter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store over JDBC, on PostgreSQL or H2 (see {@link Dialect}).
 *
 * <h2>Global order without skips</h2>
 * Every append transaction first locks the one row of {@code es_global_position}
 * ({@code SELECT ... FOR UPDATE}), takes its positions from it, inserts, advances it and commits. The row
 * lock is held until commit, so writers are serialized: a writer gets its positions only after the
 * previous writer committed, positions ascend in commit order and a rolled-back append gives its
 * positions back (no gaps). A reader that sees position {@code p} therefore already sees every position
 * below {@code p}, and a subscriber reading "from my checkpoint on" never skips an event that commits
 * later. The price is that appends do not overlap (one commit at a time): batch appends, and
 * {@link #appendAll} for events of many streams, are how throughput is had. The same serialization makes
 * the expected-version and eventId checks race-free without retries.
 *
 * <h2>Idempotency</h2>
 * {@code event_id} is unique. An event whose id is already stored in the same stream is acknowledged with
 * its original positions; in another stream the append is refused with a {@link DuplicateEventIdException}.
 */
public final class JdbcEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
    private static final String SCHEMA_HISTORY_TABLE = "es_schema_history";

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Dialect dialect;
    private final EventCodec codec;
    private final AppendSignal signal = new AppendSignal();
    private final DeadLetterLog deadLetters;
    private ScheduledExecutorService scheduler;

    private JdbcEventStore(DataSource dataSource, HikariDataSource ownedPool, EventCodec codec) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.codec = codec;
        this.dialect = Dialect.of(dataSource);
        this.deadLetters = new JdbcDeadLetterLog(this, codec.mapper());
        migrate();
    }

    /** Opens a store on its own connection pool, created from a JDBC URL, and closes the pool on close. */
    public static JdbcEventStore open(String jdbcUrl, String username, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("eda-event-store");
        config.setJdbcUrl(durable(jdbcUrl));
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // the driver sends a batch of inserts as multi-row statements: a 500-event append is a few round trips
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        // fail a call within seconds while the database is down, so health checks and retries stay prompt
        config.setConnectionTimeout(5_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new JdbcEventStore(pool, pool, new EventCodec());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The URL with H2's commits written to the file when the commit returns, not up to 500 ms later (its default
     * {@code WRITE_DELAY}): the pipeline acknowledges input after the store commit, so a commit still in memory
     * when the process dies would be an acknowledged event lost. A {@code WRITE_DELAY} the URL sets is kept. (H2
     * does not fsync a commit: an operating-system crash can still lose the last ones, README "Delivery guarantees".)
     */
    static String durable(String jdbcUrl) {
        boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
        return h2File && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=") ? jdbcUrl + ";WRITE_DELAY=0" : jdbcUrl;
    }

    /** Opens a store on a DataSource the caller owns (and closes). */
    public static JdbcEventStore open(DataSource dataSource) {
        return new JdbcEventStore(dataSource, null, new EventCodec());
    }

    private void migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .table(SCHEMA_HISTORY_TABLE)
                // the database may hold other tables: the store's history starts before its first migration
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info("Event store on {}: schema at {} ({} migrations applied now)", dialect.vendor(),
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), applied);
    }

    private volatile AppendObserver appendObserver = (events, nanos) -> { };

    // ---------------------------------------------------------------- append

    @Override
    public AppendResult append(String stream, ExpectedVersion expected, List<Event> events) {
        return appendAll(List.of(new StreamEvents(stream, expected, events))).get(0);
    }

    @Override
    public List<AppendResult> appendAll(List<StreamEvents> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        for (StreamEvents entry : batch) {
            StreamNames.checkStream(entry.stream());
            if (entry.events().isEmpty()) {
                throw new IllegalArgumentException("no events to append to stream '" + entry.stream() + "'");
            }
        }
        long started = System.nanoTime();
        List<AppendResult> results = inTransaction(connection -> write(connection, batch));
        appendObserver.appended(batch.stream().mapToInt(entry -> entry.events().size()).sum(), System.nanoTime() - started);
        if (results.stream().anyMatch(result -> !result.duplicate())) {
            signal.appended();
        }
        return results;
    }

    /** Told of every committed append transaction: how many events, how long (for metrics). */
    public interface AppendObserver {
        void appended(int events, long nanos);
    }

    public void setAppendObserver(AppendObserver appendObserver) {
        this.appendObserver = appendObserver == null ? (events, nanos) -> { } : appendObserver;
    }

    /** Where an eventId is stored, or was stored earlier in this transaction. */
    private record Stored(String stream, long streamVersion, long globalPosition) {
    }

    /** Ids and stream versions are looked up at most this many at a time (one query per chunk). */
    private static final int LOOKUP_CHUNK = 500;

    private List<AppendResult> write(Connection connection, List<StreamEvents> batch) throws SQLException {
        long head = Dialect.queryLong(connection, Dialect.LOCK_HEAD);
        long next = head;
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one lookup of the whole batch's ids and streams, not one per stream: a batch spans hundreds of streams
        Map<String, Stored> stored = storedEvents(connection, batch);
        Map<String, Long> streamVersions = streamVersions(connection, batch);
        List<AppendResult> results = new ArrayList<>(batch.size());
        try (PreparedStatement insert = connection.prepareStatement(dialect.insertEvent())) {
            for (StreamEvents entry : batch) {
                String stream = entry.stream();
                boolean anyNew = false;
                for (Event event : entry.events()) {
                    Stored known = stored.get(event.eventId());
                    if (known == null) {
                        anyNew = true;
                    } else if (!known.stream().equals(stream)) {
                        throw new DuplicateEventIdException(event.eventId(), known.stream(), stream);
                    }
                }
                long version = anyNew ? streamVersions.getOrDefault(stream, -1L) : -1;
                if (anyNew && !entry.expected().matches(version)) {
                    throw new WrongExpectedVersionException(stream, entry.expected(), version);
                }
                List<AppendResult.Appended> appended = new ArrayList<>(entry.events().size());
                for (Event event : entry.events()) {
                    Stored known = stored.get(event.eventId());
                    if (known != null) {
                        appended.add(new AppendResult.Appended(event.eventId(), known.streamVersion(),
                                known.globalPosition(), true));
                        continue;
                    }
                    version++;
                    long position = next++;
                    bindInsert(insert, event, stream, version, position, recordedAt);
                    insert.addBatch();
                    stored.put(event.eventId(), new Stored(stream, version, position));
                    appended.add(new AppendResult.Appended(event.eventId(), version, position, false));
                }
                if (anyNew) {
                    streamVersions.put(stream, version);
                }
                results.add(new AppendResult(stream, appended));
            }
            if (next > head) {
                insert.executeBatch();
            }
        }
        if (next > head) {
            try (PreparedStatement advance = connection.prepareStatement(Dialect.ADVANCE_HEAD)) {
                advance.setLong(1, next);
                advance.executeUpdate();
            }
            dialect.notifyAppended(connection, next - 1);
            LOG.debug("Appended {} events at positions {}..{}", next - head, head, next - 1);
        }
        return results;
    }

    /** The stored events among the batch's, by eventId; the write adds those it inserts. */
    private Map<String, Stored> storedEvents(Connection connection, List<StreamEvents> batch) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(entry -> entry.events().forEach(event -> ids.add(event.eventId())));
        Map<String, Stored> stored = new HashMap<>();
        lookUp(connection, new ArrayList<>(ids), dialect::storedEvents,
                rows -> stored.put(rows.getString(1), new Stored(rows.getString(2), rows.getLong(3), rows.getLong(4))));
        return stored;
    }

    /** The current version of each of the batch's streams that has events. */
    private Map<String, Long> streamVersions(Connection connection, List<StreamEvents> batch) throws SQLException {
        Set<String> streams = new LinkedHashSet<>();
        batch.forEach(entry -> streams.add(entry.stream()));
        Map<String, Long> versions = new HashMap<>();
        lookUp(connection, new ArrayList<>(streams), dialect::streamVersions,
                rows -> {
                    long version = rows.getLong(2);
                    if (!rows.wasNull()) {
                        versions.put(rows.getString(1), version);
                    }
                });
        return versions;
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    /** Runs a query of {@code IN (?, ...)} over the keys, {@value #LOOKUP_CHUNK} at a time. */
    private static void lookUp(Connection connection, List<String> keys, java.util.function.IntFunction<String> sql,
            Row row) throws SQLException {
        for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
            try (PreparedStatement select = connection.prepareStatement(sql.apply(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        row.read(rows);
                    }
                }
            }
        }
    }

    private void bindInsert(PreparedStatement insert, Event event, String stream, long version, long position,
            Instant recordedAt) throws SQLException {
        insert.setLong(1, position);
        insert.setString(2, stream);
        insert.setLong(3, version);
        insert.setString(4, StreamNames.category(stream));
        insert.setString(5, event.eventId());
        insert.setString(6, event.eventType());
        insert.setString(7, event.timestamp());
        insert.setString(8, event.source());
        insert.setString(9, event.subject());
        insert.setString(10, event.correlationId());
        insert.setString(11, event.causationId());
        insert.setString(12, event.schemaVersion());
        insert.setString(13, Event.writeJson(event.data()));
        // a metadata sent as null is stored as JSON null, so the event reads back as it was sent
        JsonNode metadata = event.envelope().get(Event.METADATA);
        insert.setString(14, metadata == null ? null : Event.writeJson(metadata));
        insert.setObject(15, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
    }

    // ---------------------------------------------------------------- read

    @Override
    public List<RecordedEvent> readStream(String stream, long fromVersion, int limit, ReadDirection direction) {
        Objects.requireNonNull(direction, "direction");
        if (direction == ReadDirection.FORWARD) {
            return read(Dialect.READ_STREAM_FORWARD, limit, stream, Math.max(0, fromVersion));
        }
        return read(Dialect.READ_STREAM_BACKWARD, limit, stream, fromVersion < 0 ? Long.MAX_VALUE : fromVersion);
    }

    @Override
    public List<RecordedEvent> readAll(long fromPosition, int limit, ReadDirection direction) {
        return direction == ReadDirection.FORWARD
                ? read(Dialect.READ_ALL, limit, Math.max(0, fromPosition))
                : read(Dialect.READ_ALL_BACKWARD, limit, backwardFrom(fromPosition));
    }

    @Override
    public List<RecordedEvent> readCategory(String category, long fromPosition, int limit, ReadDirection direction) {
        Objects.requireNonNull(category, "category");
        return direction == ReadDirection.FORWARD
                ? read(Dialect.READ_CATEGORY, limit, category, Math.max(0, fromPosition))
                : read(Dialect.READ_CATEGORY_BACKWARD, limit, category, backwardFrom(fromPosition));
    }

    @Override
    public List<RecordedEvent> readEventType(String eventType, long fromPosition, int limit, ReadDirection direction) {
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
        return switch (filter.kind()) {
            case ALL -> readAll(fromPosition, limit);
            case CATEGORY -> readCategory(filter.value(), fromPosition, limit);
            case EVENT_TYPE -> readEventType(filter.value(), fromPosition, limit);
            case STREAM -> read(Dialect.READ_STREAM_FROM_POSITION, limit, filter.value(), Math.max(0, fromPosition));
        };
    }

    @Override
    public long headPosition() {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.queryLong(connection, Dialect.HEAD);
        } catch (SQLException e) {
            throw new EventStoreException("cannot read the head position: " + e.getMessage(), e);
        }
    }

    private List<RecordedEvent> read(String sql, int limit, Object... parameters) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, sql, limit, parameters);
        } catch (SQLException e) {
            throw new EventStoreException("cannot read events: " + e.getMessage(), e);
        }
    }

    List<RecordedEvent> read(Connection connection, String sql, int limit, Object... parameters) throws SQLException {
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

    private RecordedEvent recordedEvent(ResultSet rows) throws SQLException {
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

    // ---------------------------------------------------------------- subscriptions

    @Override
    public Subscription subscribe(SubscriptionSettings settings, EventHandler handler, Executor executor) {
        CatchUpSubscription subscription = new CatchUpSubscription(this, settings, handler);
        executor.execute(subscription);
        return subscription;
    }

    /** Creates the subscription's row, at position 0, unless it exists. */
    void ensureSubscription(Connection connection, String name) throws SQLException {
        if (Dialect.queryLong(connection, Dialect.SUBSCRIPTION_POSITION, name) >= 0) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(Dialect.INSERT_SUBSCRIPTION)) {
            insert.setString(1, name);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!dialect.isUniqueViolation(e)) {
                throw e;
            }
            // another instance created it meanwhile
        }
    }

    /** Reads what a subscription filter selects on the given connection. */
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

    AppendSignal signal() {
        return signal;
    }

    /** A daemon scheduler for lease heartbeats, made on first use. */
    synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "eda-event-store-heartbeat");
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    @Override
    public List<SubscriptionCheckpoint> subscriptions() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(Dialect.SUBSCRIPTIONS);
             ResultSet rows = select.executeQuery()) {
            List<SubscriptionCheckpoint> checkpoints = new ArrayList<>();
            while (rows.next()) {
                String selector = rows.getString(4);
                checkpoints.add(new SubscriptionCheckpoint(rows.getString(1), rows.getLong(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant(),
                        selector == null ? null : SubscriptionFilter.parse(selector)));
            }
            return checkpoints;
        } catch (SQLException e) {
            throw new EventStoreException("cannot read subscriptions: " + e.getMessage(), e);
        }
    }

    /**
     * Records what a subscription selects, for its lag (see {@link SubscriptionCheckpoint#filter()}); its row exists
     * once an instance became active.
     */
    void recordFilter(String subscription, SubscriptionFilter filter) {
        inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(Dialect.SET_SELECTOR)) {
                update.setString(1, filter.toString());
                update.setString(2, subscription);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long lag(SubscriptionFilter filter, long position) {
        long from = Math.max(0, position);
        if (filter.kind() == SubscriptionFilter.Kind.ALL) {
            return Math.max(0, headPosition() - from);
        }
        String sql = switch (filter.kind()) {
            case CATEGORY -> Dialect.COUNT_CATEGORY;
            case EVENT_TYPE -> Dialect.COUNT_EVENT_TYPE;
            default -> Dialect.COUNT_STREAM;
        };
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.queryLong(connection, sql, filter.value(), from, MAX_COUNTED_LAG);
        } catch (SQLException e) {
            throw new EventStoreException("cannot count the events of " + filter + " from position " + from + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void setCheckpoint(String subscription, long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a checkpoint is a global position >= 0, was " + position);
        }
        inTransaction(connection -> {
            ensureSubscription(connection, subscription);
            // position for an instance that starts later, rewind_to for the one running now (it takes it up)
            try (PreparedStatement update = connection.prepareStatement(Dialect.REQUEST_REWIND)) {
                update.setLong(1, position);
                update.setLong(2, position);
                update.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                update.setString(4, subscription);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Takes up a checkpoint move asked for by {@link #setCheckpoint} while the subscription runs: the new
     * checkpoint, saved, or -1 when none is pending.
     */
    long takeRewind(Connection connection, String subscription) throws SQLException {
        long rewind = Dialect.queryLong(connection, Dialect.PENDING_REWIND, subscription);
        if (rewind < 0) {
            return -1;
        }
        try (PreparedStatement take = connection.prepareStatement(Dialect.TAKE_REWIND)) {
            take.setLong(1, rewind);
            take.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            take.setString(3, subscription);
            take.setLong(4, rewind);
            // a newer request came in between: the next look takes that one
            return take.executeUpdate() == 1 ? rewind : -1;
        }
    }

    @Override
    public long positionAt(Instant time) {
        try (Connection connection = dataSource.getConnection()) {
            long position = Dialect.queryLong(connection, Dialect.POSITION_AT, time.atOffset(ZoneOffset.UTC));
            return position >= 0 ? position : headPosition();
        } catch (SQLException e) {
            throw new EventStoreException("cannot find the position at " + time + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DeadLetterLog deadLetters() {
        return deadLetters;
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one READ COMMITTED transaction; store exceptions pass through unchanged. */
    <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            dialect.beforeWrite(connection);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
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

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
