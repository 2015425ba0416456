package io.edarouter.broker;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;

/**
 * Kinesis: tells the receipt of each shard batch among the records that it was done with (its consumer checkpoints
 * the shard in the store's database) or failed (its consumer reads the shard again from the checkpoint).
 */
final class KinesisAcknowledgement implements InputAcknowledgement {

    @Override
    public void completed(List<Message> records, CamelContext context) {
        receipts(records).forEach(KinesisReceipt::completed);
    }

    @Override
    public void failed(List<Message> records, CamelContext context) {
        receipts(records).forEach(KinesisReceipt::failed);
    }

    private static Set<KinesisReceipt> receipts(List<Message> records) {
        Set<KinesisReceipt> receipts = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Message record : records) {
            KinesisReceipt receipt = BrokerHeaders.kinesisReceipt(record);
            if (receipt != null) {
                receipts.add(receipt);
            }
        }
        return receipts;
    }
}
