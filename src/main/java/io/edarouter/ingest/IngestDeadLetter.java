package io.edarouter.ingest;

import io.edarouter.broker.BrokerHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends one record of an ingest exchange to the dead-letter endpoint named by the exchange property
 * {@code eda-dead-letter}: its original bytes and headers, plus the {@link DeadLetterHeaders} that say why.
 * A failure to send fails the whole exchange, so nothing is committed and the record comes back. One instance per
 * pipeline step.
 */
final class IngestDeadLetter {

    private static final DeadLetterHeaders HEADERS = new DeadLetterHeaders();

    private final RecordDeadLetter recorder = new RecordDeadLetter();
    private volatile ProducerTemplate template;

    void send(Exchange exchange, Exchange record, Exception why) throws Exception {
        String uri = exchange.getProperty(DeadLetterHeaders.DEAD_LETTER_PROPERTY, String.class);
        if (uri == null) {
            throw new IllegalStateException("no exchange property " + DeadLetterHeaders.DEAD_LETTER_PROPERTY + " names the dead-letter endpoint", why);
        }
        Exchange letter = record.copy();
        letter.setException(null);
        BrokerHeaders.removeConsumerHandles(letter.getMessage());
        letter.setProperty(Exchange.EXCEPTION_CAUGHT, why);
        letter.setProperty(DeadLetterHeaders.DEAD_LETTER_PROPERTY, uri);
        HEADERS.process(letter);
        // a Pulsar producer replaces the body by the message id: keep the original bytes for the record
        Exchange toRecord = letter.copy();
        Exchange sent = template(exchange).send(uri, letter);
        if (sent.getException() != null) {
            throw sent.getException();
        }
        // listed by GET /dlq and redriven by POST /dlq/redrive, like letters of the dead-letter route configuration
        recorder.process(toRecord);
    }

    /** One template per pipeline step, so its producers (a Kafka client each) are made once, not per letter. */
    private ProducerTemplate template(Exchange exchange) {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = exchange.getContext().createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
