package io.edarouter.routing;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code eda-dispatch:} component: sends the event to every subscriber of a subscribers file whose
 * pattern matches it.
 *
 * <pre>
 * - to: "eda-dispatch:routes/subscribers.yaml?topicPrefix=kafka:"
 * </pre>
 */
@org.apache.camel.spi.annotations.Component(DispatchComponent.SCHEME)
public class DispatchComponent extends DefaultComponent {

    public static final String SCHEME = "eda-dispatch";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        DispatchConfiguration configuration = new DispatchConfiguration();
        configuration.setFile(remaining);
        DispatchEndpoint endpoint = new DispatchEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        return endpoint;
    }
}
