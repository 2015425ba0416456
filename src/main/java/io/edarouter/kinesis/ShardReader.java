package io.edarouter.kinesis;

import java.util.List;

import io.edarouter.broker.BrokerHeaders;
import io.edarouter.broker.KinesisReceipt;
import io.edarouter.store.ShardLeases;
import org.apache.camel.Message;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads one shard this instance holds the lease of, a batch at a time, from its checkpoint on: each batch becomes one
 * exchange (body: the records' exchanges, in shard order), and the shard's position moves past it only once the
 * pipeline is done with it, when its {@link KinesisReceipt} completes and the checkpoint is saved under the lease. A
 * failed batch, or a checkpoint that could not be saved, makes the next read start again at the durable checkpoint.
 */
final class ShardReader {

    private final String stream;
    private final String shardId;
    private final String owner;
    private final ShardLeases leases;
    private final long leaseMillis;
    private String iterator;
    /** Set by the heartbeat when the lease could not be renewed: this instance must stop reading the shard. */
    private volatile boolean lost;
    private boolean closed;

    ShardReader(String stream, String shardId, String owner, ShardLeases leases, long leaseMillis) {
        this.stream = stream;
        this.shardId = shardId;
        this.owner = owner;
        this.leases = leases;
        this.leaseMillis = leaseMillis;
    }

    String shardId() {
        return shardId;
    }

    /** Whether the shard was split or merged and read to its end (its children are shards of their own). */
    boolean isClosed() {
        return closed;
    }

    boolean isLost() {
        return lost;
    }

    /** The next read starts again at the durable checkpoint. */
    void resetPosition() {
        iterator = null;
    }

    /** Extends the lease; false (and lost from now on) when another instance has it. */
    boolean renew() {
        if (!leases.renew(stream, shardId, owner, leaseMillis)) {
            lost = true;
        }
        return !lost;
    }

    /**
     * Reads the next records and hands them to {@code pipeline} as one batch; answers how many records were read
     * (0: none were waiting).
     */
    int readOnce(KinesisClient client, int limit, BatchHandler pipeline) throws Exception {
        if (iterator == null) {
            iterator = startIterator(client);
        }
        GetRecordsResponse response = client.getRecords(request -> request.shardIterator(iterator).limit(limit));
        List<Record> records = response.records();
        if (records.isEmpty()) {
            advance(response.nextShardIterator());
            return 0;
        }
        String last = records.get(records.size() - 1).sequenceNumber();
        Receipt receipt = new Receipt(last);
        pipeline.handle(records, receipt, this);
        if (receipt.saved) {
            advance(response.nextShardIterator());
        } else {
            iterator = null; // failed, or the checkpoint not saved: read again from the durable checkpoint
        }
        return records.size();
    }

    /** Sets the headers of a consumed record: where it came from and the receipt of its batch. */
    void describe(Message message, Record record, KinesisReceipt receipt) {
        message.setHeader(BrokerHeaders.KINESIS_STREAM, stream);
        message.setHeader(BrokerHeaders.KINESIS_SHARD, shardId);
        message.setHeader(BrokerHeaders.KINESIS_SEQUENCE_NUMBER, record.sequenceNumber());
        message.setHeader(BrokerHeaders.KINESIS_PARTITION_KEY, record.partitionKey());
        message.setHeader(BrokerHeaders.KINESIS_RECEIPT, receipt);
        message.setBody(record.data().asByteArray());
    }

    private void advance(String next) {
        iterator = next;
        if (next == null) {
            closed = true;
        }
    }

    private String startIterator(KinesisClient client) {
        String checkpoint = leases.checkpoint(stream, shardId);
        return client.getShardIterator(request -> {
            request.streamName(stream).shardId(shardId);
            if (checkpoint == null) {
                request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(checkpoint);
            }
        }).shardIterator();
    }

    /** Gives the lease up (a stopping instance), so another one takes the shard at once. */
    void release() {
        leases.release(stream, shardId, owner);
    }

    /** Hands the pipeline one batch. */
    @FunctionalInterface
    interface BatchHandler {
        void handle(List<Record> records, KinesisReceipt receipt, ShardReader shard) throws Exception;
    }

    /** The receipt of one batch: its completion saves the checkpoint, under the lease, before the next read. */
    private final class Receipt implements KinesisReceipt {

        private final String lastSequenceNumber;
        private boolean saved;

        Receipt(String lastSequenceNumber) {
            this.lastSequenceNumber = lastSequenceNumber;
        }

        @Override
        public void completed() {
            saved = leases.saveCheckpoint(stream, shardId, owner, lastSequenceNumber, leaseMillis);
            if (!saved) {
                lost = true; // another instance reads the shard now, from the checkpoint it found
            }
        }

        @Override
        public void failed() {
            saved = false;
        }
    }
}
