package io.edarouter.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code eda-batch:} component: an in-memory, ordered hand-over that turns single exchanges into batches, for
 * a source that delivers one message per exchange (Pulsar) in front of a pipeline that stores a batch in one
 * transaction.
 *
 * <pre>
 * - from: {uri: "pulsar:...", steps: [{to: "eda-batch:orders"}]}
 * - from: {uri: "eda-batch:orders?size=500&amp;interval=20", steps: [...]}   # body: List&lt;Exchange&gt;
 * </pre>
 *
 * See {@link BatchConsumer} for how batches are formed and {@link BatchProducer} for the hand-over.
 */
@org.apache.camel.spi.annotations.Component(BatchComponent.SCHEME)
public class BatchComponent extends DefaultComponent {

    public static final String SCHEME = "eda-batch";

    private final Map<String, BatchConsumer> consumers = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("eda-batch: needs a name, e.g. eda-batch:orders");
        }
        BatchConfiguration configuration = new BatchConfiguration();
        configuration.setName(remaining);
        BatchEndpoint endpoint = new BatchEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        if (configuration.getSize() < 1 || configuration.getInterval() < 0 || configuration.getQueueSize() < 0
                || configuration.getLanes() < 1) {
            throw new IllegalArgumentException("eda-batch:" + remaining + ": size and lanes must be at least 1, interval"
                    + " and queueSize not negative (size=" + configuration.getSize() + ", lanes=" + configuration.getLanes()
                    + ", interval=" + configuration.getInterval() + ", queueSize=" + configuration.getQueueSize() + ")");
        }
        return endpoint;
    }

    void register(String name, BatchConsumer consumer) {
        if (consumers.putIfAbsent(name, consumer) != null) {
            throw new IllegalStateException("eda-batch:" + name + " already has a consumer; a name has one");
        }
    }

    void unregister(String name, BatchConsumer consumer) {
        consumers.remove(name, consumer);
    }

    BatchConsumer consumer(String name) {
        return consumers.get(name);
    }
}
