package io.edarouter.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.edarouter.broker.BrokerHeaders;
import io.edarouter.broker.RecordSource;
import io.edarouter.event.InvalidEventException;
import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import io.edarouter.schema.SchemaViolationException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Says why a message is dead-lettered and where it came from, on the message itself: headers
 * {@code eda-error-reason}, {@code eda-error-stage} and the source coordinates (Kafka topic, partition,
 * offset; Pulsar topic and message id). Pulsar carries them as message properties next to the
 * original ones. The body is left alone: the dead-letter route restores the original bytes.
 *
 * <p>Each dead letter is counted ({@code eda_events_dead_lettered_total{stage}}) and logged at WARN with its source,
 * stage and reason, the first of an interval in full and the rest as a count (a flood of bad input would
 * otherwise be a line per record).
 */
public class DeadLetterHeaders implements Processor {

    /** Exchange property: the endpoint URI an ingest route dead-letters to. */
    public static final String DEAD_LETTER_PROPERTY = "eda-dead-letter";
    public static final String ERROR_REASON = "eda-error-reason";
    public static final String ERROR_STAGE = "eda-error-stage";
    public static final String SOURCE_TOPIC = "eda-source-topic";
    public static final String SOURCE_PARTITION = "eda-source-partition";
    public static final String SOURCE_OFFSET = "eda-source-offset";
    public static final String SOURCE_MESSAGE_ID = "eda-source-message-id";
    /** Subscriber dead letters: attempts made, the subscription, and the stored event's coordinates. */
    public static final String ATTEMPTS = "eda-attempts";
    public static final String SUBSCRIPTION = "eda-subscription";
    public static final String STREAM = "eda-stream";
    public static final String STREAM_VERSION = "eda-stream-version";
    public static final String GLOBAL_POSITION = "eda-global-position";
    public static final String EVENT_ID = "eda-event-id";
    /** Stage schema: the JSON pointer into the data of the first failing field, and the JSON Schema rule it broke. */
    public static final String ERROR_POINTER = "eda-error-pointer";
    public static final String ERROR_RULE = "eda-error-rule";

    private static final ThrottledLog DEAD_LETTERS = new ThrottledLog(LoggerFactory.getLogger(DeadLetterHeaders.class), Level.WARN,
            "dead letters");

    /** Stage named for failures that are not about the event's content. */
    static final String STAGE_PIPELINE = "pipeline";

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, String> why = new LinkedHashMap<>();
        if (cause instanceof InvalidEventException invalid) {
            why.put(ERROR_REASON, invalid.getReason());
            why.put(ERROR_STAGE, invalid.getStage());
            if (invalid instanceof SchemaViolationException schema && schema.getPointer() != null) {
                why.put(ERROR_POINTER, schema.getPointer());
                why.put(ERROR_RULE, schema.getRule());
            }
        } else {
            why.put(ERROR_REASON, cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
            why.put(ERROR_STAGE, STAGE_PIPELINE);
        }
        Message message = exchange.getMessage();
        Optional<RecordSource> source = RecordSource.of(message);
        source.ifPresent(from -> {
            why.put(SOURCE_TOPIC, from.topic());
            if (from.isKafka()) {
                why.put(SOURCE_PARTITION, text(from.partition()));
                why.put(SOURCE_OFFSET, text(from.offset()));
            } else {
                why.put(SOURCE_MESSAGE_ID, from.messageId());
            }
        });
        BrokerHeaders.forward(message, why);
        EdaMeters.registry(exchange.getContext()).counter(EdaMeters.DEAD_LETTERED, "stage", why.get(ERROR_STAGE)).increment();
        DEAD_LETTERS.occurred("dead-lettered to {} from {}: {}: {}", exchange.getProperty(DEAD_LETTER_PROPERTY),
                source.map(RecordSource::toString).orElse("a message without broker coordinates"), why.get(ERROR_STAGE),
                why.get(ERROR_REASON));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
