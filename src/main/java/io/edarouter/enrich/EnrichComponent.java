package io.edarouter.enrich;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code eda-enrich:} component: {@code eda-enrich:metadata} adds arrival metadata,
 * {@code eda-enrich:lookup} merges the result of a cached lookup through any endpoint into the event.
 */
@org.apache.camel.spi.annotations.Component(EnrichComponent.SCHEME)
public class EnrichComponent extends DefaultComponent {

    public static final String SCHEME = "eda-enrich";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EnrichConfiguration configuration = new EnrichConfiguration();
        configuration.setEnricher(remaining);
        EnrichEndpoint endpoint = new EnrichEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        return endpoint;
    }
}
