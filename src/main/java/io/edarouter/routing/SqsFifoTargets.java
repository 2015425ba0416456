package io.edarouter.routing;

import io.edarouter.event.Event;
import io.edarouter.store.camel.EventStoreConstants;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.sqs.ExchangeIdMessageDeduplicationIdStrategy;
import org.apache.camel.component.aws2.sqs.MessageDeduplicationIdStrategy;
import org.apache.camel.component.aws2.sqs.MessageGroupIdStrategy;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;

/**
 * A subscriber's Amazon SQS FIFO queue ({@code aws2-sqs:name.fifo}) gets each event with its stream as
 * {@code MessageGroupId}, so SQS keeps a stream's events in order (and hands a group to one consumer at a time), and
 * its eventId as {@code MessageDeduplicationId}, so the same event sent again (a batch retried after a crash) is
 * dropped by SQS within its five-minute deduplication interval. camel-aws2-sqs offers neither (its strategies take
 * an exchange property, the exchange id or the body), so they are set on the endpoint before its producer starts;
 * a message group strategy named in the URI is left as it is.
 */
final class SqsFifoTargets {

    /** The FIFO queue suffix SQS requires. */
    private static final String FIFO_SUFFIX = ".fifo";

    private SqsFifoTargets() {
    }

    /** Sets the stream and eventId strategies on an SQS FIFO endpoint; leaves any other endpoint alone. */
    static void prepare(Endpoint endpoint) {
        if (endpoint instanceof Sqs2Endpoint sqs && isFifo(sqs.getConfiguration())) {
            Sqs2Configuration configuration = sqs.getConfiguration();
            if (configuration.getMessageGroupIdStrategy() == null) {
                configuration.setMessageGroupIdStrategy(new StreamGroupId());
            }
            if (configuration.getMessageDeduplicationIdStrategy() == null
                    || configuration.getMessageDeduplicationIdStrategy() instanceof ExchangeIdMessageDeduplicationIdStrategy) {
                configuration.setMessageDeduplicationIdStrategy(new EventIdDeduplication());
            }
        }
    }

    /** Whether the endpoint's queue is a FIFO queue (its name says so, as SQS requires). */
    static boolean isFifo(Sqs2Configuration configuration) {
        return configuration.getQueueName() != null && configuration.getQueueName().endsWith(FIFO_SUFFIX);
    }

    /** The event's stream (the copy's stream header), else its exchange id: one group per stream. */
    static final class StreamGroupId implements MessageGroupIdStrategy {
        @Override
        public String getMessageGroupId(Exchange exchange) {
            String stream = exchange.getMessage().getHeader(EventStoreConstants.STREAM, String.class);
            return stream != null ? stream : exchange.getExchangeId();
        }
    }

    /** The event's id, else the exchange id (camel-aws2-sqs's default). */
    static final class EventIdDeduplication implements MessageDeduplicationIdStrategy {
        @Override
        public String getMessageDeduplicationId(Exchange exchange) {
            if (exchange.getMessage().getBody() instanceof Event event && event.eventId() != null) {
                return event.eventId();
            }
            String eventId = exchange.getMessage().getHeader(EventStoreConstants.EVENT_ID, String.class);
            return eventId != null ? eventId : exchange.getExchangeId();
        }
    }
}
