package io.edarouter.http;

import io.edarouter.config.EdaProperties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The web console ({@code docs/console.md}): static pages at {@code /console/} on the HTTP API's server, which call
 * that API from the browser with the operator's token. Nothing is served when {@code eda.console.enabled} is false,
 * so {@code /console} is then a 404 like any unknown path.
 */
public class ConsoleRoutes extends RouteBuilder {

    @Override
    public void configure() {
        if (!EdaProperties.of(getContext()).consoleEnabled()) {
            return;
        }
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            JsonResponse.error(exchange, 500, "internal-error", String.valueOf(e.getMessage()));
        });
        from("platform-http:/console?matchOnUriPrefix=true&httpMethodRestrict=GET")
                .routeId("http-console")
                .process(new ConsoleAssets(getContext().getApplicationContextClassLoader() != null
                        ? getContext().getApplicationContextClassLoader() : ConsoleRoutes.class.getClassLoader()));
    }
}
