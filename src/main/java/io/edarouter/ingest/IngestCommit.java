package io.edarouter.ingest;

import java.util.List;

import io.edarouter.broker.InputAcknowledgement;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the brokers an ingest exchange is done, only once it is: when the exchange completed (events appended,
 * invalid ones dead-lettered, dispatch sent) each broker's {@link InputAcknowledgement} commits or acknowledges its
 * records; when it failed, each is told so (Pulsar messages are negatively acknowledged, Kafka offsets left alone so
 * the consumer reads the records again from the last commit). Records without a handle (another consumer) are left
 * to it.
 */
final class IngestCommit extends SynchronizationAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(IngestCommit.class);

    private final List<Exchange> records;

    IngestCommit(List<Exchange> records) {
        this.records = records;
    }

    @Override
    public void onComplete(Exchange exchange) {
        List<Message> messages = messages();
        InputAcknowledgement.completeAll(messages, exchange.getContext());
        LOG.debug("acknowledged {} records", messages.size());
    }

    @Override
    public void onFailure(Exchange exchange) {
        InputAcknowledgement.failAll(messages(), exchange.getContext());
    }

    private List<Message> messages() {
        return records.stream().map(Exchange::getMessage).toList();
    }
}
