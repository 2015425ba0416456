package io.edarouter.broker;

import java.util.List;

import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.pulsar.PulsarMessageReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Pulsar: acknowledges each message of a completed batch, negatively acknowledges those of a failed one (redelivered
 * after the consumer's {@code negativeAckRedeliveryDelayMicros}). Needs {@code allowManualAcknowledgement=true}.
 */
final class PulsarAcknowledgement implements InputAcknowledgement {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarAcknowledgement.class);
    private static final ThrottledLog ACK_FAILED = new ThrottledLog(LOG, Level.WARN, "Pulsar messages not acknowledged");

    @Override
    public List<Message> completed(List<Message> records, CamelContext context) {
        List<Message> others = null;
        for (Message record : records) {
            PulsarMessageReceipt receipt = BrokerHeaders.pulsarReceipt(record);
            if (receipt == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else {
                try {
                    receipt.acknowledge();
                } catch (Exception e) {
                    // the broker redelivers it; the store ignores the event's second append
                    EdaMeters.registry(context).counter(EdaMeters.INGEST_ACK_FAILED).increment();
                    RecordSource source = RecordSource.of(record).orElse(null);
                    ACK_FAILED.occurred("could not acknowledge Pulsar message {} of {}: {}",
                            source == null ? null : source.messageId(), source == null ? null : source.topic(), e.getMessage());
                }
            }
        }
        return InputAcknowledgement.handedOn(others);
    }

    @Override
    public List<Message> failed(List<Message> records, CamelContext context) {
        List<Message> others = null;
        for (Message record : records) {
            PulsarMessageReceipt receipt = BrokerHeaders.pulsarReceipt(record);
            if (receipt == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else {
                receipt.negativeAcknowledge();
            }
        }
        return InputAcknowledgement.handedOn(others);
    }
}
