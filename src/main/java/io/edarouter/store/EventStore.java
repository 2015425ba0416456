package io.edarouter.store;

import java.util.List;
import java.util.concurrent.Executor;

import io.edarouter.event.Event;

/**
 * The event store: streams of events with gapless per-stream versions, one global order over all
 * streams, idempotent and atomic appends, reads, and catch-up subscriptions with durable checkpoints.
 *
 * <p>Versions and positions start at 0. A stream's version is the version of its last event; a stream
 * that does not exist is at version -1. Global positions are gapless and ascend in commit order, which
 * is the order every reader and subscriber sees.
 */
public interface EventStore extends AutoCloseable {

    /**
     * Appends events to one stream, all or nothing. An event whose {@code eventId} is already stored in
     * this stream is acknowledged with its original positions and not stored again; the expected
     * version is checked only when at least one event is new.
     *
     * @throws WrongExpectedVersionException the stream is not at the expected version
     * @throws DuplicateEventIdException     an eventId is already stored in another stream
     */
    AppendResult append(String stream, ExpectedVersion expected, List<Event> events);

    /**
     * Appends events of many streams in one transaction, all or nothing (the ingest pipeline's batch).
     * Each entry behaves as {@link #append}; entries for the same stream are applied in list order.
     *
     * @return one result per entry, in the order given
     */
    List<AppendResult> appendAll(List<StreamEvents> batch);

    /**
     * Reads one stream. Forward: events with version {@code >= fromVersion}, ascending. Backward: events
     * with version {@code <= fromVersion}, descending; a negative {@code fromVersion} reads from the end.
     */
    List<RecordedEvent> readStream(String stream, long fromVersion, int limit, ReadDirection direction);

    /** Reads all streams in global order: events with position {@code >= fromPosition}, ascending. */
    default List<RecordedEvent> readAll(long fromPosition, int limit) {
        return readAll(fromPosition, limit, ReadDirection.FORWARD);
    }

    /**
     * Reads all streams in global order. Forward: events with position {@code >= fromPosition}, ascending.
     * Backward: events with position {@code <= fromPosition}, descending; a negative {@code fromPosition} reads
     * from the newest.
     */
    List<RecordedEvent> readAll(long fromPosition, int limit, ReadDirection direction);

    /**
     * Reads the streams of a category (the stream name before its first {@code -}, see
     * {@link StreamNames#category}): events with position {@code >= fromPosition}, ascending.
     */
    default List<RecordedEvent> readCategory(String category, long fromPosition, int limit) {
        return readCategory(category, fromPosition, limit, ReadDirection.FORWARD);
    }

    /** Reads the streams of a category in global order, either way, as {@link #readAll(long, int, ReadDirection)}. */
    List<RecordedEvent> readCategory(String category, long fromPosition, int limit, ReadDirection direction);

    /** Reads the events of one type: position {@code >= fromPosition}, ascending. */
    default List<RecordedEvent> readEventType(String eventType, long fromPosition, int limit) {
        return readEventType(eventType, fromPosition, limit, ReadDirection.FORWARD);
    }

    /** Reads the events of one type in global order, either way, as {@link #readAll(long, int, ReadDirection)}. */
    List<RecordedEvent> readEventType(String eventType, long fromPosition, int limit, ReadDirection direction);

    /** The global position the next appended event will get (the number of events stored). */
    long headPosition();

    /**
     * Starts a catch-up subscription on {@code executor}: it delivers events matching the settings'
     * filter from its durable checkpoint on, then follows live appends. At most one subscription of a
     * given name is active across all processes sharing the database; others wait as standbys and take
     * over when it stops or dies. The checkpoint advances only after the handler returned normally; a
     * handler that throws gets the same event again after a bounded delay.
     */
    Subscription subscribe(SubscriptionSettings settings, EventHandler handler, Executor executor);

    /** The durable state of every subscription (checkpoints, for operators and lag metrics). */
    List<SubscriptionCheckpoint> subscriptions();

    /** Where {@link #lag} stops counting the events of a stream, category or event type. */
    long MAX_COUNTED_LAG = 10_000;

    /**
     * How many events a subscription with this filter has yet to deliver from its checkpoint: those the filter
     * selects at or after {@code position}. Exact for {@code $all} (head minus position); for a stream, a category
     * or an event type counted on the store's index up to {@value #MAX_COUNTED_LAG} (a larger lag reads as that
     * many), so asking costs little however far behind a subscription is.
     */
    long lag(SubscriptionFilter filter, long position);

    /**
     * Moves a subscription's checkpoint (replay is "move it back"). The active instance, in this process or
     * another, takes the new checkpoint up while running: it continues reading from there.
     */
    void setCheckpoint(String subscription, long position);

    /**
     * The global position of the first event the store recorded at or after {@code time}, or
     * {@link #headPosition()} when there is none (a scan: for operators, not for hot paths).
     */
    long positionAt(java.time.Instant time);

    /** The dead letters of the pipeline and the subscribers, in the store's database. */
    DeadLetterLog deadLetters();

    /** The checkpoints and leases of the Kinesis shards the router consumes, in the store's database. */
    ShardLeases shardLeases();

    @Override
    void close();
}
