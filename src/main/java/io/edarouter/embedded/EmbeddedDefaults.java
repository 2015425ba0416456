package io.edarouter.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.edarouter.config.EdaProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an in-process Kafka broker and points the event store at an H2 file when the configuration
 * names neither, so {@code java -jar eda-router.jar} works on a bare machine. Runs before camel-main
 * configures the components, so {@code camel.component.kafka.brokers} points at the embedded broker
 * and users' own routes can write plain {@code kafka:} URIs.
 */
public final class EmbeddedDefaults extends MainListenerSupport {

    static final String KAFKA_BROKERS = "camel.component.kafka.brokers";
    static final String STORE_URL = "camel.component.eventstore.url";
    /** One process owns the embedded store's file (the store adds what makes its commits durable). */
    static final String H2_SETTINGS = ";AUTO_SERVER=FALSE";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefaults.class);

    private volatile EmbeddedKafkaBroker kafka;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent pc = main.getCamelContext().getPropertiesComponent();
        EdaProperties properties = EdaProperties.of(main.getCamelContext());
        Path dataDir = properties.embeddedDataDir();
        List<String> embedded = new ArrayList<>();

        if (isBlank(pc, KAFKA_BROKERS) && properties.embeddedKafkaEnabled()) {
            kafka = EmbeddedKafkaBroker.builder().port(properties.embeddedKafkaPort()).dataDir(dataDir.resolve("kafka")).build();
            kafka.start();
            // camel-main's shutdown hook stops the context and then the JVM halts: close the broker as the
            // last step of that stop, so its logs are flushed and the next start needs no recovery
            main.getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopped(CamelContext context) {
                    close();
                }
            });
            pc.addOverrideProperty(KAFKA_BROKERS, kafka.bootstrapServers());
            embedded.add("  Kafka broker : in-process KRaft broker at " + kafka.bootstrapServers() + ", data in "
                    + dataDir.resolve("kafka"));
        }
        if (isBlank(pc, STORE_URL) && main.getCamelContext().getRegistry().findByType(javax.sql.DataSource.class).isEmpty()) {
            String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("eventstore") + H2_SETTINGS;
            pc.addOverrideProperty(STORE_URL, url);
            embedded.add("  Event store  : H2 file database " + dataDir.resolve("eventstore.mv.db"));
        }
        if (!embedded.isEmpty()) {
            LOG.warn("""

                    ============================================================================
                     eda-router is running on EMBEDDED DEFAULTS: fine for a try-out, not for production.
                    {}
                     To use real servers, set in application.properties:
                       camel.component.kafka.brokers=HOST:9092
                       camel.component.eventstore.url=jdbc:postgresql://HOST:5432/DB
                         (with camel.component.eventstore.username / .password)
                       eda.pulsar.enabled=true and camel.component.pulsar.service-url=pulsar://HOST:6650
                    ============================================================================""",
                    String.join(System.lineSeparator(), embedded));
        }
    }

    /** Stops what was started: when the context has stopped, or when the router failed to start. */
    public synchronized void close() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    private static boolean isBlank(PropertiesComponent pc, String key) {
        return pc.resolveProperty(key).map(String::isBlank).orElse(true);
    }
}
