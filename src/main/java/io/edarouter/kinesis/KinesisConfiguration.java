package io.edarouter.kinesis;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code eda-kinesis:} endpoint (the client's region, endpoint and credentials are the component's). */
@UriParams
public class KinesisConfiguration implements Cloneable {

    /** The Kinesis data stream, e.g. {@code order-events}. */
    @UriPath
    @Metadata(required = true)
    private String stream;

    /** Consumer: the most records read from a shard at once (one GetRecords call, one batch of the pipeline). */
    @UriParam(label = "consumer", defaultValue = "500")
    private int batchSize = 500;

    /** Consumer: how long, in milliseconds, to wait before reading again when no shard of this instance had records. */
    @UriParam(label = "consumer", defaultValue = "200")
    private long pollInterval = 200;

    /**
     * Consumer: how long, in milliseconds, a shard's lease lasts unless renewed (every fifth of it); a router instance
     * that died gives its shards up to the others after this long.
     */
    @UriParam(label = "consumer", defaultValue = "10000")
    private long leaseMillis = 10_000;

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
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

    public long getLeaseMillis() {
        return leaseMillis;
    }

    public void setLeaseMillis(long leaseMillis) {
        this.leaseMillis = leaseMillis;
    }
}
