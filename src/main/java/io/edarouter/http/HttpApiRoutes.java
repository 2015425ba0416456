package io.edarouter.http;

import io.edarouter.ingest.IngestRepublish;
import io.edarouter.schema.StoredSchemaRegistry;
import io.edarouter.store.camel.DeadLetterRedrive;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: {@code POST /events} publishes to the configured broker,
 * {@code GET /streams/{stream}} reads the event store; the operate endpoints {@code GET /subscriptions},
 * {@code POST /subscriptions/{name}/replay}, {@code GET /dlq} and {@code POST /dlq/redrive}; what the web console reads
 * ({@code GET /events/{eventId}}, its {@code /journey}, {@code GET /events/live}, {@code /rules}, {@code GET /overview}).
 * Served by camel-main's embedded server
 * ({@code camel.server.*}), or by whatever platform-http an embedding application runs.
 *
 * <p>Every error is answered {@code {"error": "<code>", "detail": "<what was wrong>"}}: those of these routes here
 * ({@link HttpError}, and 500 for the unexpected), those the server answers before a route is reached (unknown path,
 * wrong method, body over the limit) by {@link VertxErrorAnswers} when the server is camel-main's Vert.x one.
 */
public class HttpApiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiRoutes.class);
    private static final String VERTX_ROUTER = "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter";

    @Override
    public void configure() throws Exception {
        OperateToken operateToken = new OperateToken(getContext());
        JsonBody jsonBody = new JsonBody();
        EventStoreComponent eventStore = getContext().getComponent("eventstore", EventStoreComponent.class);

        onException(HttpError.class).handled(true).process(exchange -> {
            HttpError error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HttpError.class);
            JsonResponse.error(exchange, error.status(), error.error(), error.detail());
        });
        onException(Exception.class).handled(true).process(exchange -> {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            LOG.warn("HTTP {} {} failed: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_URI), e.toString(), e);
            JsonResponse.error(exchange, 500, "internal-error", e.getMessage() != null ? e.getMessage() : e.toString());
        });
        if (getContext().getClassResolver().resolveClass(VERTX_ROUTER) != null) {
            getContext().addStartupListener(new VertxErrorAnswers());
            getContext().addStartupListener(new LiveTail(eventStore, operateToken));
        }

        from("platform-http:/events?httpMethodRestrict=POST")
                .routeId("http-ingest")
                .process(jsonBody)
                .process(new IngestProcessor(getContext()));

        // the web console's API (issue 15, docs/http-api.md "Console")
        EventJourneyProcessor journeys = new EventJourneyProcessor(eventStore);
        from("platform-http:/events/{eventId}/journey?httpMethodRestrict=GET")
                .routeId("http-event-journey")
                .process(operateToken)
                .process(journeys::journey);
        from("platform-http:/events/{eventId}?httpMethodRestrict=GET")
                .routeId("http-event")
                .process(journeys::event);

        RulesProcessor rules = new RulesProcessor(getContext(), eventStore);
        from("platform-http:/rules?httpMethodRestrict=GET")
                .routeId("http-rules")
                .process(operateToken)
                .process(rules::rules);
        from("platform-http:/rules/test?httpMethodRestrict=POST")
                .routeId("http-rules-test")
                .process(operateToken)
                .process(jsonBody)
                .process(rules::test);
        from("platform-http:/rules/preview?httpMethodRestrict=POST")
                .routeId("http-rules-preview")
                .process(operateToken)
                .process(jsonBody)
                .process(rules::preview);

        OverviewProcessor overview = new OverviewProcessor(getContext(), eventStore);
        from("platform-http:/overview?httpMethodRestrict=GET")
                .routeId("http-overview")
                .process(operateToken)
                .process(overview::overview);

        from("platform-http:/streams/{stream}?httpMethodRestrict=GET")
                .routeId("http-read-stream")
                .process(new ReadStreamProcessor(eventStore));

        from("platform-http:/subscriptions?httpMethodRestrict=GET")
                .routeId("http-subscriptions")
                .process(operateToken)
                .process(new SubscriptionsProcessor(eventStore));

        from("platform-http:/subscriptions/{name}/replay?httpMethodRestrict=POST")
                .routeId("http-replay")
                .process(operateToken)
                .process(jsonBody)
                .process(new ReplayProcessor(eventStore));

        from("platform-http:/dlq?httpMethodRestrict=GET")
                .routeId("http-dead-letters")
                .process(operateToken)
                .process(new DeadLettersProcessor(eventStore));

        from("platform-http:/dlq/redrive?httpMethodRestrict=POST")
                .routeId("http-redrive")
                .process(operateToken)
                .process(jsonBody)
                .process(new RedriveProcessor(eventStore,
                        new DeadLetterRedrive(eventStore, new IngestRepublish(getContext()))));

        // schemas against the stored events (issue 14): defined before any /schemas/{eventType}/{version} route, as
        // Vert.x tries routes in the order they were added and "discovered" would otherwise read as a version
        io.edarouter.config.EdaProperties properties = io.edarouter.config.EdaProperties.of(getContext());
        io.edarouter.schema.SchemaDiscovery.EnumThreshold enumThreshold = new io.edarouter.schema.SchemaDiscovery.EnumThreshold(
                properties.schemasDiscoveryEnumMaxValues(), properties.schemasDiscoveryEnumMinEvents());
        from("platform-http:/schemas/{eventType}/discovered?httpMethodRestrict=GET")
                .routeId("http-schema-discovered")
                .process(new DiscoveredSchemaProcessor(eventStore, properties.schemasCheckEvents(), enumThreshold));
        from("platform-http:/schemas/{eventType}/check?httpMethodRestrict=POST")
                .routeId("http-schema-check")
                .process(operateToken)
                .process(jsonBody)
                .process(new SchemaCheckProcessor(eventStore,
                        () -> java.util.Optional.of(StoredSchemaRegistry.of(getContext())),
                        SchemaCheckProcessor.compatibilityOf(getContext()), properties.schemasCheckEvents(), enumThreshold));

        // the schema registry (docs/schemas.md): its files are registered at start, not at the first event
        getContext().addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                StoredSchemaRegistry.of(context);
            }
        });
        SchemasProcessor schemas = new SchemasProcessor(getContext());
        from("platform-http:/schemas?httpMethodRestrict=GET")
                .routeId("http-schemas")
                .process(schemas::list);

        from("platform-http:/schemas/{eventType}?httpMethodRestrict=GET")
                .routeId("http-schema-versions")
                .process(schemas::type);

        from("platform-http:/schemas/{eventType}?httpMethodRestrict=PUT")
                .routeId("http-schema-register")
                .process(operateToken)
                .process(jsonBody)
                .process(schemas::register);

        // keep last: /schemas/{eventType}/discovered and /check are more specific, and the HTTP server matches the
        // routes in the order they are added
        from("platform-http:/schemas/{eventType}/{version}?httpMethodRestrict=GET")
                .routeId("http-schema-version")
                .process(schemas::version);
    }
}
