package io.edarouter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;

/**
 * The {@code eda.*} keys the router's code reads, each named once here and read typed; their defaults and their
 * documentation are in {@value EdaDefaults#LOCATION}. Values come from Camel's properties component (the user's or
 * the host's sources first, the defaults last); a key no source has falls back to its default, so the holder also
 * works on a bare lookup. A value that is not of its key's type is refused naming the key.
 *
 * <p>Keys read only by routes through {@code {{eda.*}}} placeholders (topics, batch sizes, enrichment) are declared
 * by the defaults file alone.
 */
public final class EdaProperties {

    public static final String INPUT_TOPIC = "eda.input.topic";
    public static final String DEAD_LETTER_TOPIC = "eda.dead-letter.topic";
    /** Any key under it names a topic of the pipeline (created at start, see {@link #KAFKA_CREATE_TOPICS}). */
    public static final String TOPIC_PREFIX = "eda.topic.";
    public static final String INGEST_URI = "eda.ingest.uri";
    public static final String STREAM_EXPRESSION = "eda.store.stream-expression";
    public static final String INGEST_MAX_ATTEMPTS = "eda.ingest.max-attempts";
    public static final String INGEST_RETRY_DELAY = "eda.ingest.retry-delay";
    public static final String INGEST_OUTAGE_MAX_DELAY = "eda.ingest.outage-max-delay";
    public static final String EVENT_MAX_BYTES = "eda.event.max-bytes";
    public static final String EVENT_MAX_DEPTH = "eda.event.max-depth";
    public static final String EVENT_MAX_STRING_CHARS = "eda.event.max-string-chars";
    public static final String EVENT_MAX_FIELDS = "eda.event.max-fields";
    public static final String HTTP_TOKEN = "eda.http.token";
    // checking a candidate schema against the stored events, and discovery (docs/schemas.md)
    public static final String SCHEMAS_CHECK_EVENTS = "eda.schemas.check.events";
    public static final String SCHEMAS_DISCOVERY_ENUM_MAX_VALUES = "eda.schemas.discovery.enum-max-values";
    public static final String SCHEMAS_DISCOVERY_ENUM_MIN_EVENTS = "eda.schemas.discovery.enum-min-events";
    public static final String KAFKA_CREATE_TOPICS = "eda.kafka.create-topics";
    public static final String EMBEDDED_KAFKA_ENABLED = "eda.embedded.kafka.enabled";
    public static final String EMBEDDED_KAFKA_PORT = "eda.embedded.kafka.port";
    public static final String EMBEDDED_DATA_DIR = "eda.embedded.data-dir";
    // the schema registry (docs/schemas.md); mode and compatibility also take a per-type key: <key>.<eventType>
    public static final String SCHEMAS_MODE = "eda.schemas.mode";
    public static final String SCHEMAS_COMPATIBILITY = "eda.schemas.compatibility";
    public static final String SCHEMAS_DIR = "eda.schemas.dir";
    public static final String SCHEMAS_RELOAD_INTERVAL = "eda.schemas.reload-interval";
    // the web console (issue 15): where dispatch sent each event, for GET /events/{eventId}/journey
    public static final String JOURNEY_ENABLED = "eda.journey.enabled";
    public static final String JOURNEY_RETENTION = "eda.journey.retention";
    // the web console (docs/console.md)
    public static final String CONSOLE_ENABLED = "eda.console.enabled";

    private static final EdaProperties DEFAULTS = new EdaProperties(key -> Optional.empty());

    private final Function<String, Optional<String>> lookup;

    private EdaProperties(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /** The keys as the context's properties component resolves them (placeholders in values resolved). */
    public static EdaProperties of(CamelContext context) {
        return of(context.getPropertiesComponent()::resolveProperty);
    }

    /** The keys as {@code lookup} answers them, the defaults for those it does not. */
    public static EdaProperties of(Function<String, Optional<String>> lookup) {
        return new EdaProperties(lookup);
    }

    /** The defaults alone. */
    public static EdaProperties defaults() {
        return DEFAULTS;
    }

    /** Where {@code POST /events} publishes and a redriven ingest dead letter goes. */
    public String ingestUri() {
        return text(INGEST_URI);
    }

    /** The stream of an event without a subject; empty when only the subject names a stream. */
    public Optional<String> streamExpression() {
        return Optional.of(text(STREAM_EXPRESSION)).filter(expression -> !expression.isBlank());
    }

    public int ingestMaxAttempts() {
        return whole(INGEST_MAX_ATTEMPTS);
    }

    public Duration ingestRetryDelay() {
        return Duration.ofMillis(wholeLong(INGEST_RETRY_DELAY));
    }

    public Duration ingestOutageMaxDelay() {
        return Duration.ofMillis(wholeLong(INGEST_OUTAGE_MAX_DELAY));
    }

    public int eventMaxBytes() {
        return whole(EVENT_MAX_BYTES);
    }

    public int eventMaxDepth() {
        return whole(EVENT_MAX_DEPTH);
    }

    public int eventMaxStringChars() {
        return whole(EVENT_MAX_STRING_CHARS);
    }

    public int eventMaxFields() {
        return whole(EVENT_MAX_FIELDS);
    }

    /** The operate endpoints' bearer token; empty when they are open. */
    public Optional<String> httpToken() {
        return Optional.of(text(HTTP_TOKEN)).filter(token -> !token.isBlank());
    }

    /** How many of a type's newest stored events a candidate schema is checked against and discovery reads. */
    public int schemasCheckEvents() {
        return whole(SCHEMAS_CHECK_EVENTS);
    }

    /** Most distinct values a discovered string field may have to become an enum. */
    public int schemasDiscoveryEnumMaxValues() {
        return whole(SCHEMAS_DISCOVERY_ENUM_MAX_VALUES);
    }

    /** Fewest occurrences of a discovered string field before its values may become an enum. */
    public int schemasDiscoveryEnumMinEvents() {
        return whole(SCHEMAS_DISCOVERY_ENUM_MIN_EVENTS);
    }

    /** Whether the router creates the Kafka topics it uses before its first poll or send. */
    public boolean kafkaCreateTopics() {
        return Boolean.parseBoolean(setting(KAFKA_CREATE_TOPICS));
    }

    /** Whether dispatch records where each event's copies went (the journey of an event). */
    public boolean journeyEnabled() {
        return Boolean.parseBoolean(setting(JOURNEY_ENABLED));
    }

    /** How long the journey's dispatch rows are kept (ISO-8601, e.g. P7D). */
    public Duration journeyRetention() {
        String value = setting(JOURNEY_RETENTION);
        try {
            Duration retention = Duration.parse(value);
            if (!retention.isNegative() && !retention.isZero()) {
                return retention;
            }
        } catch (DateTimeParseException e) {
            // refused below, naming the key
        }
        throw new IllegalArgumentException(JOURNEY_RETENTION + " must be a positive ISO-8601 duration (P7D, PT12H), not '" + value + "'");
    }

    public boolean embeddedKafkaEnabled() {
        return Boolean.parseBoolean(setting(EMBEDDED_KAFKA_ENABLED));
    }

    public int embeddedKafkaPort() {
        return whole(EMBEDDED_KAFKA_PORT);
    }

    public Path embeddedDataDir() {
        return Path.of(setting(EMBEDDED_DATA_DIR));
    }

    /** The schema mode of an event type: its own key {@code eda.schemas.mode.<eventType>}, else the global one. */
    public String schemasMode(String eventType) {
        return perType(SCHEMAS_MODE, eventType);
    }

    /** The compatibility mode of an event type: {@code eda.schemas.compatibility.<eventType>}, else the global one. */
    public String schemasCompatibility(String eventType) {
        return perType(SCHEMAS_COMPATIBILITY, eventType);
    }

    /** The folder of the schema files, {@code <eventType>/<version>.json}. */
    public Path schemasDir() {
        return Path.of(setting(SCHEMAS_DIR));
    }

    /** How often the schema files (and the versions other instances registered) are looked at; zero: never. */
    public Duration schemasReloadInterval() {
        return Duration.ofMillis(wholeLong(SCHEMAS_RELOAD_INTERVAL));
    }

    /** Whether the web console is served at {@code /console}. */
    public boolean consoleEnabled() {
        return Boolean.parseBoolean(setting(CONSOLE_ENABLED));
    }

    private String perType(String key, String eventType) {
        return lookup.apply(key + "." + eventType).filter(value -> !value.isBlank()).map(String::strip)
                .orElseGet(() -> setting(key));
    }

    /** The value of a key, its default when no source has it; blank is a value (an expression or a token unset). */
    private String text(String key) {
        return lookup.apply(key).or(() -> EdaDefaults.value(key)).map(String::strip).orElseThrow(() -> noDefault(key));
    }

    /** The value of a key that has a type, its default when no source has it or it is blank. */
    private String setting(String key) {
        return lookup.apply(key).filter(value -> !value.isBlank()).or(() -> EdaDefaults.value(key)).map(String::strip)
                .orElseThrow(() -> noDefault(key));
    }

    private static IllegalStateException noDefault(String key) {
        return new IllegalStateException(key + " is not set and has no default in " + EdaDefaults.LOCATION);
    }

    private int whole(String key) {
        long value = wholeLong(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a whole number of at most " + Integer.MAX_VALUE + ", was " + value);
        }
        return (int) value;
    }

    private long wholeLong(String key) {
        String value = setting(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
