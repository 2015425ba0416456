package io.edarouter.broker;

import java.util.List;

import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import io.edarouter.rabbitmq.RabbitMqReceipt;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * RabbitMQ ({@code eda-rabbitmq:}): acknowledges each message of a completed batch, gives those of a failed one back
 * to their queue (basic.nack with requeue: the broker puts them back in their place and delivers them again). A
 * message whose channel closed meanwhile was given back by the broker already; its event is stored once all the same.
 */
final class RabbitMqAcknowledgement implements InputAcknowledgement {

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqAcknowledgement.class);
    private static final ThrottledLog ACK_FAILED = new ThrottledLog(LOG, Level.WARN, "RabbitMQ messages not acknowledged");

    @Override
    public List<Message> completed(List<Message> records, CamelContext context) {
        List<Message> others = null;
        for (Message record : records) {
            RabbitMqReceipt receipt = BrokerHeaders.rabbitMqReceipt(record);
            if (receipt == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else {
                try {
                    receipt.acknowledge();
                } catch (Exception e) {
                    // the broker delivers it again; the store ignores the event's second append
                    EdaMeters.registry(context).counter(EdaMeters.INGEST_ACK_FAILED).increment();
                    ACK_FAILED.occurred("could not acknowledge RabbitMQ message {}: {}",
                            RecordSource.of(record).map(RecordSource::toString).orElse(null), e.getMessage());
                }
            }
        }
        return InputAcknowledgement.handedOn(others);
    }

    @Override
    public List<Message> failed(List<Message> records, CamelContext context) {
        List<Message> others = null;
        for (Message record : records) {
            RabbitMqReceipt receipt = BrokerHeaders.rabbitMqReceipt(record);
            if (receipt == null) {
                others = InputAcknowledgement.notMine(others, record);
            } else {
                try {
                    receipt.requeue();
                } catch (Exception e) {
                    ACK_FAILED.occurred("could not give RabbitMQ message {} back to its queue: {}",
                            RecordSource.of(record).map(RecordSource::toString).orElse(null), e.getMessage());
                }
            }
        }
        return InputAcknowledgement.handedOn(others);
    }
}
