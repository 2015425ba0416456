package io.edarouter.http;

import org.apache.camel.builder.RouteBuilder;

/**
 * The HTTP surface of DESIGN.md: {@code POST /events} publishes to the configured broker,
 * {@code GET /streams/{stream}} reads the event store; the operate endpoints {@code GET /subscriptions},
 * {@code POST /subscriptions/{name}/replay}, {@code GET /dlq} and {@code POST /dlq/redrive}. Served by camel-main's embedded server
 * ({@code camel.server.*}), or by whatever platform-http an embedding application runs.
 */
public class HttpApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        OperateToken operateToken = new OperateToken(getContext());

        from("platform-http:/events?httpMethodRestrict=POST")
                .routeId("http-ingest")
                .process(new IngestProcessor(getContext()));

        from("platform-http:/streams/{stream}?httpMethodRestrict=GET")
                .routeId("http-read-stream")
                .process(new ReadStreamProcessor());

        from("platform-http:/subscriptions?httpMethodRestrict=GET")
                .routeId("http-subscriptions")
                .process(operateToken)
                .process(new SubscriptionsProcessor());

        from("platform-http:/subscriptions/{name}/replay?httpMethodRestrict=POST")
                .routeId("http-replay")
                .process(operateToken)
                .process(new ReplayProcessor());

        from("platform-http:/dlq?httpMethodRestrict=GET")
                .routeId("http-dead-letters")
                .process(operateToken)
                .process(new DeadLettersProcessor());

        from("platform-http:/dlq/redrive?httpMethodRestrict=POST")
                .routeId("http-redrive")
                .process(operateToken)
                .process(new RedriveProcessor(getContext()));
    }
}
