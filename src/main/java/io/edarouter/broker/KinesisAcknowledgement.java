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
    public List<Message> completed(List<Message> records, CamelContext context) {
        Set<KinesisReceipt> receipts = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Message> others = receipts(records, receipts);
        receipts.forEach(KinesisReceipt::completed);
        return others;
    }

    @Override
    public List<Message> failed(List<Message> records, CamelContext context) {
        Set<KinesisReceipt> receipts = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Message> others = receipts(records, receipts);
        receipts.forEach(KinesisReceipt::failed);
        return others;
    }

    /** Puts the receipts of the records into {@code receipts}; returns the records without one. */
    private static List<Message> receipts(List<Message> records, Set<KinesisReceipt> receipts) {
        List<Message> others = null;
        for (Message record : records) {
            KinesisReceipt receipt = BrokerHeaders.kinesisReceipt(record);
            if (receipt == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else {
                receipts.add(receipt);
            }
        }
        return InputAcknowledgement.handedOn(others);
    }
}
