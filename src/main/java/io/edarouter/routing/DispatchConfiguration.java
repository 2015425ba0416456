package io.edarouter.routing;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code eda-dispatch:} endpoint. */
@UriParams
public class DispatchConfiguration {

    /**
     * The subscribers file: a path of the file system (relative to the working folder, or with
     * {@code file:}) or {@code classpath:...}. Only a file of the file system is reloaded.
     */
    @UriPath
    @Metadata(required = true)
    private String file;

    /** Put before a subscriber's {@code topic:} to make its endpoint URI, e.g. {@code kafka:}. */
    @UriParam
    private String topicPrefix;

    /**
     * How often, in milliseconds, the file is checked for changes (modification time and size); a changed
     * file replaces the table atomically, a broken one is refused and the previous table stays. 0: never.
     */
    @UriParam(defaultValue = "1000")
    private long reloadInterval = 1000;

    /**
     * A header set on each copy sent to a subscriber to the event's stream ({@code CamelEventStoreStream}), e.g.
     * {@code kafka.KEY}, so a broker keeps each stream's events in one partition, in order.
     */
    @UriParam
    private String keyHeader;

    /**
     * Whether the Kafka topics of the subscribers' targets are created (with the broker's default partitions and
     * replication) when missing, each time the table is loaded, and waited for until every partition has a leader:
     * the first sends then find their topics ready instead of racing the broker's auto-creation. Turn it off where
     * the cluster forbids creating topics.
     */
    @UriParam(defaultValue = "true")
    private boolean createTopics = true;

    /**
     * How long, in milliseconds, the broker sends of one exchange (one event or a batch) may take. A send that failed
     * or has not finished by then fails the exchange at once, and the producer of its target is closed and replaced
     * by a new one, so a producer stuck in a state it cannot leave never holds dispatch up.
     */
    @UriParam(defaultValue = "10000")
    private long sendTimeout = 10_000;

    public boolean isCreateTopics() {
        return createTopics;
    }

    public void setCreateTopics(boolean createTopics) {
        this.createTopics = createTopics;
    }

    public long getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public String getKeyHeader() {
        return keyHeader;
    }

    public void setKeyHeader(String keyHeader) {
        this.keyHeader = keyHeader;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public long getReloadInterval() {
        return reloadInterval;
    }

    public void setReloadInterval(long reloadInterval) {
        this.reloadInterval = reloadInterval;
    }
}
