package io.edarouter.store;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event store over JDBC, on PostgreSQL or H2 (see {@link Dialect}): it opens the database, brings its schema up
 * to date, and hands each call to the part that does that job: {@link JdbcAppender} (appends), {@link JdbcReader}
 * (reads, lag), {@link JdbcCheckpoints} (the subscriptions' checkpoints), {@link JdbcSubscriptions} (catch-up
 * subscriptions and which instance is active) and {@link JdbcDeadLetterLog} (dead letters).
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

    private final HikariDataSource ownedPool;
    private final JdbcAppender appender;
    private final JdbcReader reader;
    private final JdbcCheckpoints checkpoints;
    private final JdbcSubscriptions subscriptions;
    private final DeadLetterLog deadLetters;
    private final ShardLeases shardLeases;
    private final SchemaVersionTable schemaVersions;
    private final EventJournal journal;
    private final AppendSignal signal;

    private JdbcEventStore(DataSource dataSource, HikariDataSource ownedPool) {
        this.ownedPool = ownedPool;
        StoreDatabase database = new StoreDatabase(dataSource, ownedPool != null);
        migrate(database);
        AppendSignal signal = new AppendSignal();
        this.appender = new JdbcAppender(database, signal);
        this.reader = new JdbcReader(database);
        this.checkpoints = new JdbcCheckpoints(database);
        this.subscriptions = new JdbcSubscriptions(database, checkpoints, reader, signal);
        this.deadLetters = new JdbcDeadLetterLog(database, new EventCodec().mapper());
        this.shardLeases = new ShardLeases(database);
        this.schemaVersions = new SchemaVersionTable(database);
        this.journal = new EventJournal(database);
        this.signal = signal;
    }

    /** Opens a store on its own connection pool, created from a JDBC URL, and closes the pool on close. */
    public static JdbcEventStore open(String jdbcUrl, String username, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("eda-event-store");
        config.setJdbcUrl(durable(jdbcUrl));
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        // set once per connection, and reset by the pool if changed, so no transaction spends a round trip on it
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // the driver sends a batch of inserts as multi-row statements: a 500-event append is a few round trips
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        // fail a call within seconds while the database is down, so health checks and retries stay prompt
        config.setConnectionTimeout(5_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new JdbcEventStore(pool, pool);
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
     * Also {@code DB_CLOSE_ON_EXIT=FALSE} unless the URL sets it: H2's own shutdown hook would close the database when
     * the JVM begins to exit, while Camel's graceful stop still finishes a batch and writes what the dispatch journal
     * gathered; the store closes it when its pool closes.
     */
    static String durable(String jdbcUrl) {
        boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
        if (!h2File) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        String url = upper.contains(";WRITE_DELAY=") ? jdbcUrl : jdbcUrl + ";WRITE_DELAY=0";
        return upper.contains(";DB_CLOSE_ON_EXIT=") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Opens a store on a DataSource the caller owns (and closes). */
    public static JdbcEventStore open(DataSource dataSource) {
        return new JdbcEventStore(dataSource, null);
    }

    private static void migrate(StoreDatabase database) {
        Flyway flyway = Flyway.configure()
                .dataSource(database.dataSource())
                .locations(database.dialect().migrationLocation())
                .table(SCHEMA_HISTORY_TABLE)
                // the database may hold other tables: the store's history starts before its first migration
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.info("Event store on {}: schema at {} ({} migrations applied now)", database.dialect().vendor(),
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), applied);
    }

    /** The schema registry's versions, kept in the store's database (docs/schemas.md). */
    public SchemaVersionTable schemaVersions() {
        return schemaVersions;
    }

    /** Events by id and where dispatch sent them (the console's journey of an event). */
    public EventJournal journal() {
        return journal;
    }

    /**
     * Waits until an append of this JVM committed after {@code seen} (a value of {@link #appendsSeen()}, taken
     * before the read it follows), or the timeout passed: a live tail without polling delay.
     */
    public void awaitAppend(long seen, long timeoutMillis) throws InterruptedException {
        signal.await(seen, timeoutMillis);
    }

    /** A count of this JVM's committed appends, for {@link #awaitAppend}. */
    public long appendsSeen() {
        return signal.current();
    }

    /** Told of every committed append transaction (for metrics); null for none. */
    public void setAppendObserver(AppendObserver appendObserver) {
        appender.setObserver(appendObserver);
    }

    @Override
    public AppendResult append(String stream, ExpectedVersion expected, List<Event> events) {
        return appendAll(List.of(new StreamEvents(stream, expected, events))).get(0);
    }

    @Override
    public List<AppendResult> appendAll(List<StreamEvents> batch) {
        return appender.appendAll(batch);
    }

    @Override
    public List<RecordedEvent> readStream(String stream, long fromVersion, int limit, ReadDirection direction) {
        return reader.readStream(stream, fromVersion, limit, direction);
    }

    @Override
    public List<RecordedEvent> readAll(long fromPosition, int limit, ReadDirection direction) {
        return reader.readAll(fromPosition, limit, direction);
    }

    @Override
    public List<RecordedEvent> readCategory(String category, long fromPosition, int limit, ReadDirection direction) {
        return reader.readCategory(category, fromPosition, limit, direction);
    }

    @Override
    public List<RecordedEvent> readEventType(String eventType, long fromPosition, int limit, ReadDirection direction) {
        return reader.readEventType(eventType, fromPosition, limit, direction);
    }

    @Override
    public long headPosition() {
        return reader.headPosition();
    }

    @Override
    public long positionAt(Instant time) {
        return reader.positionAt(time);
    }

    @Override
    public long lag(SubscriptionFilter filter, long position) {
        return reader.lag(filter, position);
    }

    @Override
    public Subscription subscribe(SubscriptionSettings settings, EventHandler handler, Executor executor) {
        return subscriptions.subscribe(settings, handler, executor);
    }

    @Override
    public List<SubscriptionCheckpoint> subscriptions() {
        return checkpoints.list();
    }

    @Override
    public void setCheckpoint(String subscription, long position) {
        checkpoints.move(subscription, position);
    }

    @Override
    public DeadLetterLog deadLetters() {
        return deadLetters;
    }

    @Override
    public ShardLeases shardLeases() {
        return shardLeases;
    }

    @Override
    public void close() {
        subscriptions.close();
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
