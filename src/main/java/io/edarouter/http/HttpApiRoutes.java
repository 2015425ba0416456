package io.edarouter.http;

import org.apache.camel.builder.RouteBuilder;

/**
 * The HTTP surface of DESIGN.md: {@code POST /events} publishes to the configured broker,
 * {@code GET /streams/{stream}} reads the event store. Served by camel-main's embedded server
 * ({@code camel.server.*}), or by whatever platform-http an embedding application runs.
 */
public class HttpApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/events?httpMethodRestrict=POST")
                .routeId("http-ingest")
                .process(new IngestProcessor(getContext()));

        from("platform-http:/streams/{stream}?httpMethodRestrict=GET")
                .routeId("http-read-stream")
                .process(new ReadStreamProcessor());
    }
}
