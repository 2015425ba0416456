package io.edarouter.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;

import io.edarouter.routing.EventPattern;
import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.camel.EventStoreComponent;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events/live}: server-sent events, one {@code id: <globalPosition>} and {@code data: <event JSON>} (as
 * one item of {@code GET /streams/{stream}}) per event stored from the moment of the request on, those matching
 * {@code ?pattern=} when given; a comment line every {@value #HEARTBEAT_MILLIS} ms keeps idle connections open.
 * Needs the operate token once set, as the Authorization header or as {@code ?token=} (a browser's EventSource
 * cannot set headers).
 *
 * <p>Platform-http answers a request once; a stream that stays open is a handler on camel-main's Vert.x router,
 * before the routes Camel put there (so {@code /events/{eventId}} does not take {@code live}). One thread reads the
 * store for all clients, from the head on, woken by this JVM's appends ({@link JdbcEventStore#awaitAppend}) and
 * polling each second for those of other router instances; it runs while a client is connected. A client that does
 * not read (its connection's write queue full) is disconnected: EventSource reconnects.
 */
final class LiveTail extends WhenServing {

    static final String PATH = "/events/live";
    static final long HEARTBEAT_MILLIS = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveTail.class);
    private static final int PAGE = 500;
    private static final long POLL_MILLIS = 1000;
    private static final List<String> PARAMETERS = List.of("pattern", "token");

    /** A connected client: where to write, on which Vert.x context, and what it wants. */
    private record Client(HttpServerResponse response, Context context, EventPattern pattern) {
        void send(Buffer buffer) {
            context.runOnContext(ignored -> {
                if (response.closed() || response.ended()) {
                    return;
                }
                if (response.writeQueueFull()) {
                    response.end();
                    return;
                }
                response.write(buffer);
            });
        }
    }

    private final EventStoreComponent eventStore;
    private final OperateToken token;
    private final Set<Client> clients = new CopyOnWriteArraySet<>();
    private CamelContext camel;
    private ExecutorService reader;
    private boolean reading;

    LiveTail(EventStoreComponent eventStore, OperateToken token) {
        this.eventStore = eventStore;
        this.token = token;
    }

    @Override
    synchronized void install(CamelContext context) {
        if (camel != null) {
            return;
        }
        camel = context;
        for (VertxPlatformHttpRouter routes : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            routes.get(PATH).order(-1).handler(this::connect);
        }
    }

    private void connect(RoutingContext request) {
        HttpServerResponse response = request.response();
        EventPattern pattern = null;
        try {
            for (Map.Entry<String, String> parameter : request.queryParams()) {
                if (!PARAMETERS.contains(parameter.getKey())) {
                    throw HttpError.invalidParameter("unknown parameter '" + parameter.getKey() + "': this endpoint takes "
                            + String.join(", ", PARAMETERS));
                }
            }
            if (!token.accepts(request.request().getHeader("Authorization"), request.queryParams().get("token"))) {
                response.putHeader("WWW-Authenticate", "Bearer");
                throw new HttpError(401, "unauthorized",
                        "this endpoint needs Authorization: Bearer <eda.http.token>, or ?token=<eda.http.token>");
            }
            String text = request.queryParams().get("pattern");
            if (text != null && !text.isEmpty()) {
                pattern = ReadStreamProcessor.pattern(text);
            }
        } catch (HttpError e) {
            response.setStatusCode(e.status()).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(JsonResponse.errorBody(e.error(), e.detail(), Map.of())));
            return;
        }
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": connected\n\n");
        Client client = new Client(response, request.vertx().getOrCreateContext(), pattern);
        response.closeHandler(ignored -> clients.remove(client));
        response.exceptionHandler(ignored -> clients.remove(client));
        clients.add(client);
        startReading();
    }

    private synchronized void startReading() {
        if (reading) {
            return;
        }
        reading = true;
        if (reader == null) {
            reader = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "eda-live-tail");
        }
        reader.execute(this::read);
    }

    /** Sends what is stored from the head on to every client, until none is left. */
    private void read() {
        try {
            EventStore store = eventStore.getEventStore();
            JdbcEventStore jdbc = store instanceof JdbcEventStore j ? j : null;
            long position = store.headPosition();
            long heartbeat = System.currentTimeMillis();
            while (!clients.isEmpty() && camel.isStarted()) {
                long seen = jdbc != null ? jdbc.appendsSeen() : 0;
                List<RecordedEvent> events = store.readAll(position, PAGE, ReadDirection.FORWARD);
                for (RecordedEvent event : events) {
                    position = event.globalPosition() + 1;
                    Buffer message = message(event);
                    for (Client client : clients) {
                        if (client.pattern() == null || client.pattern().matches(event.event().envelope())) {
                            client.send(message);
                        }
                    }
                }
                if (System.currentTimeMillis() - heartbeat >= HEARTBEAT_MILLIS) {
                    heartbeat = System.currentTimeMillis();
                    Buffer comment = Buffer.buffer(": heartbeat\n\n");
                    clients.forEach(client -> client.send(comment));
                }
                if (events.size() < PAGE) {
                    if (jdbc != null) {
                        jdbc.awaitAppend(seen, POLL_MILLIS);
                    } else {
                        Thread.sleep(POLL_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("GET {}: the live tail stopped, its clients are disconnected: {}", PATH, e.toString());
            List<Client> dropped = new ArrayList<>(clients);
            clients.removeAll(dropped);
            dropped.forEach(client -> client.context().runOnContext(ignored -> client.response().end()));
        } finally {
            synchronized (this) {
                reading = false;
                if (!clients.isEmpty() && camel.isStarted() && !Thread.currentThread().isInterrupted()) {
                    startReading();
                }
            }
        }
    }

    private Buffer message(RecordedEvent event) {
        byte[] json = camel.getTypeConverter().convertTo(byte[].class, event);
        // the event's JSON is one line: the codec writes no line breaks, and those in strings are escaped
        return Buffer.buffer(("id: " + event.globalPosition() + "\ndata: ").getBytes(StandardCharsets.UTF_8))
                .appendBytes(json).appendString("\n\n");
    }
}
