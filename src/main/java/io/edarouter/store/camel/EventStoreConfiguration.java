package io.edarouter.store.camel;

import java.time.Duration;

import io.edarouter.store.Backoff;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.SubscriptionFilter;
import io.edarouter.store.SubscriptionSettings;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of an {@code eventstore:} endpoint. */
@UriParams
public class EventStoreConfiguration implements Cloneable {

    /**
     * What the endpoint addresses: a stream name, {@code $all} (every stream, in global order),
     * {@code $ce-CATEGORY} (the streams whose name before the first {@code -} is CATEGORY) or
     * {@code $et-TYPE} (the events of one type). Appending to {@code $all} takes each event's stream from its
     * {@code subject} or the {@code streamExpression}.
     */
    @UriPath
    @Metadata(required = true)
    private String stream;

    /** What the producer does: append, or one of the reads (the body becomes a List of RecordedEvent). */
    @UriParam(label = "producer", defaultValue = "append",
            enums = "append,readStream,readAll,readCategory,readEventType")
    private EventStoreOperation operation = EventStoreOperation.append;

    /**
     * Expected version of the stream on append: {@code any}, {@code no_stream}, {@code stream_exists} or the exact
     * version of the stream's last event. A mismatch fails the exchange with a WrongExpectedVersionException.
     */
    @UriParam(label = "producer", defaultValue = "any")
    private String expectedVersion = "any";

    /**
     * Camel simple expression naming the stream of an event that has no {@code subject} when appending to
     * {@code $all}; evaluated with the single event as body. Every {@code ${...}} part must give a value that is not
     * blank, else the event is refused at stage {@code stream}.
     */
    @UriParam(label = "producer")
    private String streamExpression;

    /** readStream: the first version read (forward), or the version to read back from (backward; -1: the end). */
    @UriParam(label = "producer", defaultValue = "0")
    private long fromVersion;

    /** readAll, readCategory, readEventType: the first global position read. */
    @UriParam(label = "producer", defaultValue = "0")
    private long fromPosition;

    /** The most events one read returns. */
    @UriParam(label = "producer", defaultValue = "100")
    private int limit = 100;

    /** readStream: forward (ascending versions) or backward (descending). */
    @UriParam(label = "producer", defaultValue = "forward", enums = "forward,backward")
    private String direction = "forward";

    /**
     * Consumer: the durable name of the catch-up subscription. Its checkpoint is stored in the database, and only
     * one consumer of a name is active at a time across all processes; the others wait and take over.
     */
    @UriParam(label = "consumer")
    private String subscription;

    /** Consumer: events read per query while catching up. */
    @UriParam(label = "consumer", defaultValue = "" + SubscriptionSettings.DEFAULT_BATCH_SIZE)
    private int batchSize = SubscriptionSettings.DEFAULT_BATCH_SIZE;

    /**
     * Consumer: longest wait, in milliseconds, before looking for new events again. On PostgreSQL appends wake the
     * consumer at once (LISTEN/NOTIFY); on H2 appends in the same JVM do.
     */
    @UriParam(label = "consumer", defaultValue = "" + SubscriptionSettings.DEFAULT_POLL_INTERVAL_MILLIS)
    private long pollInterval = SubscriptionSettings.DEFAULT_POLL_INTERVAL_MILLIS;

    /**
     * Consumer: attempts in all (the first delivery included) before an event whose exchange keeps failing is
     * dead-lettered: recorded for {@code GET /dlq} and sent to {@code deadLetterUri} if set.
     */
    @UriParam(label = "consumer", defaultValue = "" + DeliveryPolicy.DEFAULT_MAX_ATTEMPTS)
    private int maxAttempts = DeliveryPolicy.DEFAULT_MAX_ATTEMPTS;

    /**
     * Consumer: milliseconds before the first retry of a failed event; each further retry doubles it, up to
     * maxDelay, and each delay is drawn at random between half of it and all of it (jitter).
     */
    @UriParam(label = "consumer", defaultValue = "" + Backoff.DEFAULT_INITIAL_DELAY_MILLIS)
    private long initialDelay = Backoff.DEFAULT_INITIAL_DELAY_MILLIS;

    /** Consumer: the bound of the retry delay, in milliseconds. */
    @UriParam(label = "consumer", defaultValue = "" + Backoff.DEFAULT_MAX_DELAY_MILLIS)
    private long maxDelay = Backoff.DEFAULT_MAX_DELAY_MILLIS;

    /**
     * Consumer: milliseconds after which a failing event is dead-lettered whatever its attempt count; the age counts
     * from when the store recorded the event (for a replay or redrive: from when it was asked for). 0: no limit.
     */
    @UriParam(label = "consumer", defaultValue = "" + DeliveryPolicy.DEFAULT_MAX_EVENT_AGE_MILLIS)
    private long maxEventAge = DeliveryPolicy.DEFAULT_MAX_EVENT_AGE_MILLIS;

    /**
     * Consumer: endpoint an event goes to when the subscriber gives up on it (e.g. {@code kafka:billing-dead-letter}),
     * as the stored event's JSON with headers eda-error-reason, eda-attempts, eda-subscription, eda-stream,
     * eda-stream-version, eda-global-position and eda-event-id. Unset: the dead letter is only recorded.
     */
    @UriParam(label = "consumer")
    private String deadLetterUri;

    /**
     * Consumer: deliver each stream's events in order, one at a time: while an event waits for a retry, later events
     * of its stream wait too; other streams keep flowing. Unordered subscribers are not held back.
     */
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean ordered;

    /**
     * Consumer: most events on their way at once (waiting for a retry or held back behind one); the subscription
     * reads no further until some finish.
     */
    @UriParam(label = "consumer", defaultValue = "1000")
    private int maxInFlight = 1000;

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public EventStoreOperation getOperation() {
        return operation;
    }

    public void setOperation(EventStoreOperation operation) {
        this.operation = operation;
    }

    public String getExpectedVersion() {
        return expectedVersion;
    }

    public void setExpectedVersion(String expectedVersion) {
        ExpectedVersion.parse(expectedVersion); // refuse a bad value when the endpoint is created
        this.expectedVersion = expectedVersion;
    }

    public String getStreamExpression() {
        return streamExpression;
    }

    public void setStreamExpression(String streamExpression) {
        this.streamExpression = streamExpression;
    }

    public long getFromVersion() {
        return fromVersion;
    }

    public void setFromVersion(long fromVersion) {
        this.fromVersion = fromVersion;
    }

    public long getFromPosition() {
        return fromPosition;
    }

    public void setFromPosition(long fromPosition) {
        this.fromPosition = fromPosition;
    }

    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        this.limit = limit;
    }

    public String getDirection() {
        return direction;
    }

    public void setDirection(String direction) {
        ReadDirection.parse(direction);
        this.direction = direction;
    }

    public String getSubscription() {
        return subscription;
    }

    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public long getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(long initialDelay) {
        this.initialDelay = initialDelay;
    }

    public long getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(long maxDelay) {
        this.maxDelay = maxDelay;
    }

    public long getMaxEventAge() {
        return maxEventAge;
    }

    public void setMaxEventAge(long maxEventAge) {
        this.maxEventAge = maxEventAge;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public boolean isOrdered() {
        return ordered;
    }

    public void setOrdered(boolean ordered) {
        this.ordered = ordered;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** The subscription these options describe (a consumer's). */
    SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings(subscription, SubscriptionFilter.parse(stream), batchSize,
                Duration.ofMillis(pollInterval), retry());
    }

    /** The delivery policy these options describe (a consumer's); it retries as its subscription does. */
    DeliveryPolicy deliveryPolicy() {
        return new DeliveryPolicy(maxAttempts, retry(), Duration.ofMillis(maxEventAge));
    }

    private Backoff retry() {
        return new Backoff(Duration.ofMillis(initialDelay), Duration.ofMillis(maxDelay));
    }

    public EventStoreConfiguration copy() {
        try {
            return (EventStoreConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
