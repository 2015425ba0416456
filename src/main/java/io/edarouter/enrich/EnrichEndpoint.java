package io.edarouter.enrich;

import java.time.Clock;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/** Enriches the event of the exchange (producer only). */
@UriEndpoint(firstVersion = "0.1.0", scheme = EnrichComponent.SCHEME, title = "Event enrichment",
        syntax = "eda-enrich:enricher", producerOnly = true, category = {Category.TRANSFORMATION},
        headersClass = EnrichConstants.class)
public class EnrichEndpoint extends DefaultEndpoint {

    @UriParam
    private final EnrichConfiguration configuration;

    public EnrichEndpoint(String uri, EnrichComponent component, EnrichConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        Enricher enricher = EnrichConfiguration.LOOKUP.equals(configuration.getEnricher())
                ? new LookupEnricher(getCamelContext(), configuration)
                : new MetadataEnricher(Clock.systemUTC());
        return new EnrichProducer(this, enricher);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("eda-enrich: only enriches; it has no consumer");
    }

    public EnrichConfiguration getConfiguration() {
        return configuration;
    }
}
