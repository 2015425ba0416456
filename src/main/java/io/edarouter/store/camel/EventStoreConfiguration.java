package io.edarouter.store.camel;

import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.ReadDirection;
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
     * {@code $all}; evaluated with the single event as body, e.g. {@code order-${body.data[orderId]}}.
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
    @UriParam(label = "consumer", defaultValue = "100", javaType = "java.time.Duration")
    private long pollInterval = SubscriptionSettings.DEFAULT_POLL_INTERVAL.toMillis();

    /**
     * Consumer: milliseconds before an event whose exchange failed is delivered again; the delay doubles on each
     * further failure, up to maxRetryDelay. The checkpoint does not move past a failed event.
     */
    @UriParam(label = "consumer", defaultValue = "200", javaType = "java.time.Duration")
    private long retryDelay = SubscriptionSettings.DEFAULT_RETRY_DELAY.toMillis();

    /** Consumer: the bound of the redelivery delay, in milliseconds. */
    @UriParam(label = "consumer", defaultValue = "10000", javaType = "java.time.Duration")
    private long maxRetryDelay = SubscriptionSettings.DEFAULT_MAX_RETRY_DELAY.toMillis();

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

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public EventStoreConfiguration copy() {
        try {
            return (EventStoreConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
