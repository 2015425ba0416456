package io.edarouter.ingest;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of an {@code eda-batch:} endpoint. */
@UriParams
public class BatchConfiguration {

    /** The name that joins the producers to the one consumer of the hand-over, e.g. {@code orders}. */
    @UriPath
    @Metadata(required = true)
    private String name;

    /** Consumer: the most exchanges in one batch. */
    @UriParam(label = "consumer", defaultValue = "500")
    private int size = 500;

    /** Consumer: how long, in milliseconds, a batch gathers after its first exchange arrived before it goes on. */
    @UriParam(label = "consumer", defaultValue = "20")
    private long interval = 20;

    /** Consumer: exchanges that may wait in the queue; a producer waits while it is full. 0: twice {@code size}. */
    @UriParam(label = "consumer", defaultValue = "0")
    private int queueSize;

    /**
     * Consumer: batches that may be processed at once, each lane on its own thread with its own queue and batches.
     * An exchange goes to the lane its {@code laneHeader} picks, so exchanges with the same value stay in order.
     */
    @UriParam(label = "consumer", defaultValue = "1")
    private int lanes = 1;

    /**
     * Consumer: whether a lane prepares its next batch while the one before is stored: {@code IngestAppend} hands
     * its batch to the lane's store thread, which appends, dispatches and acknowledges it, and the lane's thread goes
     * on to decode, validate and enrich the next batch. Batches are appended, dispatched and acknowledged one at a
     * time per lane, in order, as without it; at most one waits for the store thread while another is stored.
     */
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean overlap = true;

    /**
     * Consumer: the header whose value picks an exchange's lane (with more than one), e.g. {@code key}, the Pulsar
     * message key; exchanges without it go to the first lane.
     */
    @UriParam(label = "consumer")
    private String laneHeader;

    /**
     * Consumer: an endpoint URI the consumer reads itself (in {@code RAW(...)} when it has options), e.g. a Pulsar
     * topic: each of its messages is queued as it arrives, with no route and none of Camel's per-exchange work
     * (unit of work, route policy, event notifier) in between, where a route {@code from: source, to: eda-batch:}
     * does that work for every message. The source must leave acknowledging to the pipeline (manual
     * acknowledgement): a message arriving while the consumer stops fails and is not queued.
     */
    @UriParam(label = "consumer")
    private String source;

    /** Producer: how long, in milliseconds, to wait for the consumer to start before failing the exchange. */
    @UriParam(label = "producer", defaultValue = "30000")
    private long timeout = 30_000;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public long getInterval() {
        return interval;
    }

    public void setInterval(long interval) {
        this.interval = interval;
    }

    public int getQueueSize() {
        return queueSize;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public int getLanes() {
        return lanes;
    }

    public void setLanes(int lanes) {
        this.lanes = lanes;
    }

    public boolean isOverlap() {
        return overlap;
    }

    public void setOverlap(boolean overlap) {
        this.overlap = overlap;
    }

    public String getLaneHeader() {
        return laneHeader;
    }

    public void setLaneHeader(String laneHeader) {
        this.laneHeader = laneHeader;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }
}
