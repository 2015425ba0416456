package io.edarouter.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;

/**
 * How one broker is told that the records of an ingest batch are done with: each broker the pipeline consumes from
 * has one ({@link #ALL}). The pipeline calls it once per batch, after the batch was stored and dispatched
 * ({@link #completed}) or when that failed ({@link #failed}); each implementation picks the records its consumer
 * delivered (by their headers) and hands the others on to the brokers after it, so one batch could even mix brokers
 * and a batch of one broker's records is looked through once, not by every broker (a header look-up per record and
 * broker was 3.5% of the Kafka consumer thread's samples).
 */
public interface InputAcknowledgement {

    /** Every broker's, in the order they are asked. */
    List<InputAcknowledgement> ALL = List.of(new KafkaAcknowledgement(), new PulsarAcknowledgement(),
            new RabbitMqAcknowledgement(), new SqsAcknowledgement(), new KinesisAcknowledgement());

    /**
     * The batch was stored (invalid records dead-lettered) and dispatched: its records may be forgotten by their
     * broker. Runs on the thread that stored the batch, before it stores the next one. A failure to acknowledge is the
     * implementation's to report; the broker delivers such records again and the store keeps their events once.
     * Returns the records that are not this broker's, for the brokers after it.
     */
    List<Message> completed(List<Message> records, CamelContext context);

    /**
     * The batch failed: its records are to be delivered again (or left for the consumer to read again). Returns the
     * records that are not this broker's.
     */
    List<Message> failed(List<Message> records, CamelContext context);

    /** Tells each broker, in turn, that its records of a batch are {@link #completed}. */
    static void completeAll(List<Message> records, CamelContext context) {
        List<Message> left = records;
        for (int i = 0; i < ALL.size() && !left.isEmpty(); i++) {
            left = ALL.get(i).completed(left, context);
        }
    }

    /** Tells each broker, in turn, that its records of a batch {@link #failed}. */
    static void failAll(List<Message> records, CamelContext context) {
        List<Message> left = records;
        for (int i = 0; i < ALL.size() && !left.isEmpty(); i++) {
            left = ALL.get(i).failed(left, context);
        }
    }

    /** {@code others} with {@code record} added: a list made at the first record that is not the broker's. */
    static List<Message> notMine(List<Message> others, Message record) {
        List<Message> list = others == null ? new ArrayList<>() : others;
        list.add(record);
        return list;
    }

    /** What a broker hands on: the records that were not its own. */
    static List<Message> handedOn(List<Message> others) {
        return others == null ? List.of() : others;
    }

    /**
     * Why the batch must not be stored, when its broker will deliver one of its records again before the records
     * after it (an earlier batch of the same Kafka partition failed, and the partition is read again from there);
     * empty when it may be stored. Asked on the thread that stores the batch, in the order the batches are stored.
     */
    default Optional<String> readAgain(List<Message> records) {
        return Optional.empty();
    }

    /** The first broker's reason not to store the batch ({@link #readAgain}), if any. */
    static Optional<String> anyReadAgain(List<Message> records) {
        for (InputAcknowledgement broker : ALL) {
            Optional<String> why = broker.readAgain(records);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }
}
