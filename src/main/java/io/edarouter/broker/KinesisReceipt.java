package io.edarouter.broker;

/**
 * The handle a Kinesis consumer ({@code eda-kinesis:}) puts on each record of a batch it read from one shard
 * (header {@link BrokerHeaders#KINESIS_RECEIPT}): the batch is done with, so its shard's checkpoint may move past its
 * last record, or it failed and is to be read again from the checkpoint. The records of one batch share one receipt.
 */
public interface KinesisReceipt {

    /** The batch was stored and dispatched: checkpoint its last sequence number (durably, before returning). */
    void completed();

    /** The batch failed: the consumer reads the shard again from its checkpoint. */
    void failed();
}
