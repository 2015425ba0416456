package io.edarouter.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One dead-lettered message, as recorded for inspection and redrive.
 *
 * @param id              assigned when recorded (null before)
 * @param createdAt       when it was dead-lettered
 * @param kind            {@code ingest} (input the pipeline refused) or {@code subscriber} (an event a
 *                        store-driven subscriber gave up on)
 * @param subscription    subscriber: the subscription's name
 * @param sourceTopic     ingest: the topic the input came from
 * @param sourcePartition ingest (Kafka): its partition
 * @param sourceOffset    ingest (Kafka): its offset
 * @param sourceMessageId ingest (Pulsar): its message id
 * @param stream          subscriber: the stored event's stream
 * @param streamVersion   subscriber: its version in the stream
 * @param globalPosition  subscriber: its global position
 * @param stage           where it failed (ingest: decode, validate, store...; subscriber: deliver)
 * @param reason          why
 * @param attempts        delivery attempts made (1 for ingest)
 * @param eventId         the event's id, when known
 * @param payload         ingest: the original bytes; subscriber: the stored event's JSON; null when not loaded
 * @param headers         the message's headers as text
 * @param redrivenAt      when it was last redriven, or null
 */
public record DeadLetter(Long id, Instant createdAt, Kind kind, String subscription, String sourceTopic,
        Integer sourcePartition, Long sourceOffset, String sourceMessageId, String stream, Long streamVersion,
        Long globalPosition, String stage, String reason, int attempts, String eventId, byte[] payload,
        Map<String, String> headers, Instant redrivenAt) {

    /** Where a dead letter came from. */
    public enum Kind {
        INGEST, SUBSCRIBER;

        /** The name used in the table and the HTTP API. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind parse(String label) {
            for (Kind kind : values()) {
                if (kind.label().equalsIgnoreCase(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("kind is ingest or subscriber, was '" + label + "'");
        }
    }

    public DeadLetter {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An ingest dead letter, to record. */
    public static DeadLetter ingest(String sourceTopic, Integer sourcePartition, Long sourceOffset,
            String sourceMessageId, String stage, String reason, String eventId, byte[] payload,
            Map<String, String> headers) {
        return new DeadLetter(null, Instant.now(), Kind.INGEST, null, sourceTopic, sourcePartition, sourceOffset,
                sourceMessageId, null, null, null, stage, reason, 1, eventId, payload, headers, null);
    }

    /** A subscriber dead letter, to record. */
    public static DeadLetter subscriber(String subscription, RecordedEvent event, String reason, int attempts,
            byte[] payload, Map<String, String> headers) {
        return new DeadLetter(null, Instant.now(), Kind.SUBSCRIBER, subscription, null, null, null, null,
                event.stream(), event.streamVersion(), event.globalPosition(), STAGE_DELIVER, reason, attempts,
                event.event().eventId(), payload, headers, null);
    }

    /** The stage of a subscriber dead letter. */
    public static final String STAGE_DELIVER = "deliver";
    /** The header that says why a message was dead-lettered, on dead letters of either kind. */
    public static final String REASON_HEADER = "eda-error-reason";
    /** The header that names the stage a message was dead-lettered at, on dead letters of either kind. */
    public static final String STAGE_HEADER = "eda-error-stage";
}
