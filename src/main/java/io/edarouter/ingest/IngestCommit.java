package io.edarouter.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.edarouter.broker.BrokerHeaders;
import io.edarouter.broker.RecordSource;
import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.pulsar.PulsarMessageReceipt;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Tells the broker an ingest exchange is done, only once it is: when the exchange completed (events appended,
 * invalid ones dead-lettered, dispatch sent), Kafka offsets are committed synchronously (the last record of
 * each partition) and Pulsar messages acknowledged; when it failed, Pulsar messages are negatively acknowledged
 * and Kafka offsets are left alone, so the consumer reads the records again from the last commit.
 *
 * <p>Kafka needs {@code allowManualCommit=true}, {@code autoCommitEnable=false} and the synchronous
 * {@code DefaultKafkaManualCommitFactory}; Pulsar needs {@code allowManualAcknowledgement=true}. Records
 * without a commit handle (another consumer) are left to it.
 */
final class IngestCommit extends SynchronizationAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCommit.class);
    private static final ThrottledLog ACK_FAILED = new ThrottledLog(LOG, Level.WARN, "Pulsar messages not acknowledged");

    private final List<Exchange> records;

    IngestCommit(List<Exchange> records) {
        this.records = records;
    }

    @Override
    public void onComplete(Exchange exchange) {
        Map<Object, KafkaManualCommit> lastOfPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            Message message = record.getMessage();
            Optional<RecordSource> source = RecordSource.of(message);
            KafkaManualCommit commit = BrokerHeaders.kafkaCommit(message);
            if (commit != null) {
                lastOfPartition.put(source.map(from -> from.topic() + "-" + from.partition()).orElse(""), commit);
            }
            PulsarMessageReceipt receipt = BrokerHeaders.pulsarReceipt(message);
            if (receipt != null) {
                try {
                    receipt.acknowledge();
                } catch (Exception e) {
                    // the broker redelivers it; the store ignores the event's second append
                    EdaMeters.registry(exchange.getContext()).counter(EdaMeters.INGEST_ACK_FAILED).increment();
                    ACK_FAILED.occurred("could not acknowledge Pulsar message {} of {}: {}",
                            source.map(RecordSource::messageId).orElse(null), source.map(RecordSource::topic).orElse(null),
                            e.getMessage());
                }
            }
        }
        // synchronous: on the consumer's thread, before it polls again (the exchange runs on it)
        lastOfPartition.values().forEach(KafkaManualCommit::commit);
        LOG.debug("committed {} records", records.size());
    }

    @Override
    public void onFailure(Exchange exchange) {
        for (Exchange record : records) {
            PulsarMessageReceipt receipt = BrokerHeaders.pulsarReceipt(record.getMessage());
            if (receipt != null) {
                receipt.negativeAcknowledge();
            }
        }
    }
}
