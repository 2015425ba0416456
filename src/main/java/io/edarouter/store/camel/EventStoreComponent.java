package io.edarouter.store.camel;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.edarouter.event.EventCodec;
import io.edarouter.observe.EdaMeters;
import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Endpoint;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code eventstore:} component. It uses, in order: the {@code eventStore} set on it, the {@code dataSource}
 * set on it, a single {@link EventStore} bean of the registry, a single {@link DataSource} bean of the registry,
 * or a pool it creates from {@code url}. A store it creates (from a DataSource or a URL) it starts in
 * {@link #doStart()} and closes in {@link #doStop()}. An {@link EventCodec} bean of the registry, if any, decodes
 * JSON bodies. The {@link MessageKeys} of the library keys the dead letters its subscribers send.
 */
@org.apache.camel.spi.annotations.Component("eventstore")
public class EventStoreComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(EventStoreComponent.class);

    /** JDBC URL of the store's database, e.g. jdbc:postgresql://db:5432/events or jdbc:h2:file:./data/event-store. */
    @Metadata
    private String url;
    /** Database user. */
    @Metadata
    private String username;
    /** Database password. */
    @Metadata(secret = true)
    private String password;
    /** Most connections of the pool created from the url (each active subscription holds one on PostgreSQL). */
    @Metadata(defaultValue = "10")
    private int maximumPoolSize = 10;
    /** DataSource of the store's database (used instead of url). */
    @Metadata(autowired = true)
    private DataSource dataSource;
    /** An event store to use as is (used instead of dataSource and url); the component does not close it. */
    @Metadata(autowired = true)
    private EventStore eventStore;
    /**
     * How a subscriber's dead letter sent to deadLetterUri gets its stream as the message key, in the headers of the
     * endpoint's broker; the router's own (for Kafka and Pulsar) unless set.
     */
    @Metadata(label = "advanced")
    private MessageKeys messageKeys;

    /**
     * Defaults of every endpoint's options (an endpoint's URI overrides them), e.g. one delivery policy for all
     * store-driven subscribers: {@code camel.component.eventstore.configuration.max-attempts=8}.
     */
    @Metadata
    private EventStoreConfiguration configuration = new EventStoreConfiguration();

    private EventStore store;
    private EventStoreHealthCheck healthCheck;
    private boolean ownsStore;
    private final Map<String, EventStoreConsumer> subscribers = new ConcurrentHashMap<>();
    private EventCodec codec;
    private MessageKeys keys;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EventStoreConfiguration configuration = this.configuration.copy();
        configuration.setStream(remaining);
        EventStoreEndpoint endpoint = new EventStoreEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        codec = getCamelContext().getRegistry().findSingleByType(EventCodec.class);
        if (codec == null) {
            codec = new EventCodec();
        }
        // the pipeline's, which knows the brokers, shipped in the same jar
        keys = messageKeys != null ? messageKeys
                : ServiceLoader.load(MessageKeys.class, MessageKeys.class.getClassLoader()).findFirst()
                        .orElse(MessageKeys.NONE);
        String source;
        if (eventStore != null) {
            store = eventStore;
            source = "the eventStore set on the component";
        } else if (dataSource != null) {
            store = JdbcEventStore.open(dataSource);
            ownsStore = true;
            source = "the dataSource set on the component";
        } else if ((store = getCamelContext().getRegistry().findSingleByType(EventStore.class)) != null) {
            source = "the EventStore bean of the registry";
        } else {
            DataSource bean = getCamelContext().getRegistry().findSingleByType(DataSource.class);
            if (bean != null) {
                store = JdbcEventStore.open(bean);
                source = "the DataSource bean of the registry";
            } else if (url != null) {
                store = JdbcEventStore.open(url, username, password, maximumPoolSize);
                source = withoutSecrets(url);
            } else {
                throw new IllegalStateException("the eventstore component has no database: set"
                        + " camel.component.eventstore.url (and username, password), or bind a DataSource or an"
                        + " EventStore in the registry");
            }
            ownsStore = true;
        }
        if (store instanceof JdbcEventStore jdbc) {
            MeterRegistry meters = EdaMeters.registry(getCamelContext());
            Timer appendTime = Timer.builder(EdaMeters.STORE_APPEND).description("one append transaction of the event store")
                    .publishPercentileHistogram().register(meters);
            DistributionSummary appendBatchSize = DistributionSummary.builder(EdaMeters.STORE_APPEND_BATCH)
                    .description("events per append transaction").register(meters);
            jdbc.setAppendObserver((events, nanos) -> {
                appendTime.record(nanos, TimeUnit.NANOSECONDS);
                appendBatchSize.record(events);
            });
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null) {
            healthCheck = new EventStoreHealthCheck(store);
            health.register(healthCheck);
        }
        LOG.info("eventstore component started on {}", source);
    }

    @Override
    protected void doStop() throws Exception {
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null && healthCheck != null) {
            health.unregister(healthCheck);
        }
        healthCheck = null;
        if (ownsStore && store != null) {
            store.close();
            LOG.info("eventstore component stopped");
        }
        store = null;
        ownsStore = false;
        super.doStop();
    }

    /** The JDBC URL as it may be logged: parameters (which can carry a password) left out. */
    static String withoutSecrets(String jdbcUrl) {
        int parameters = jdbcUrl.indexOf('?');
        int h2Settings = jdbcUrl.startsWith("jdbc:h2:") ? jdbcUrl.indexOf(';') : -1;
        int end = parameters >= 0 ? parameters : h2Settings >= 0 ? h2Settings : jdbcUrl.length();
        return jdbcUrl.substring(0, end);
    }

    /** The store endpoints use (the HTTP read endpoints call it too); available once the component started. */
    public EventStore getEventStore() {
        if (store == null) {
            throw new IllegalStateException("the eventstore component is not started");
        }
        return store;
    }

    /** The running consumer of a subscription in this CamelContext (replay and redrive go through it). */
    public Optional<EventStoreConsumer> subscriber(String subscription) {
        return Optional.ofNullable(subscribers.get(subscription));
    }

    void register(EventStoreConsumer consumer) {
        EventStoreConsumer other = subscribers.putIfAbsent(consumer.getSubscriptionName(), consumer);
        if (other != null && other != consumer) {
            LOG.warn("Two consumers of subscription {} in one CamelContext: replay and redrive use the first",
                    consumer.getSubscriptionName());
        }
    }

    void unregister(EventStoreConsumer consumer) {
        subscribers.remove(consumer.getSubscriptionName(), consumer);
    }

    EventCodec codec() {
        return codec;
    }

    MessageKeys messageKeys() {
        return keys;
    }

    public EventStoreConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(EventStoreConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaximumPoolSize() {
        return maximumPoolSize;
    }

    public void setMaximumPoolSize(int maximumPoolSize) {
        this.maximumPoolSize = maximumPoolSize;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The eventStore set on the component (see {@link #getEventStore()} for the one in use). */
    public EventStore getConfiguredEventStore() {
        return eventStore;
    }

    public void setEventStore(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public MessageKeys getMessageKeys() {
        return messageKeys;
    }

    public void setMessageKeys(MessageKeys messageKeys) {
        this.messageKeys = messageKeys;
    }
}
