package io.edarouter.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.edarouter.event.CloudEvents;
import io.edarouter.event.Event;
import io.edarouter.observe.TraceContext;
import io.edarouter.event.EventCodec;
import io.edarouter.store.camel.EventStoreConstants;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches each event against the whole table in one pass and sends a copy to each matching subscriber, in file
 * order, so one target cannot change what the next one sees. The body is one event, or a batch: a
 * {@code List<Message>} of events (what the pipeline's append step leaves), whose copies are all sent before
 * any is waited for, so a batch costs one round trip to the broker, not one per event; a broker producer keeps
 * the order of the sends of one stream (Kafka with idempotence on, which the router's defaults set). Every
 * target is tried; if any failed, the first failure is thrown once all sends have finished (the others added
 * as suppressed).
 */
public class DispatchProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchProducer.class);
    private static final EventCodec CODEC = new EventCodec();
    /**
     * Components whose producers send on the broker client's own threads and call back when the broker answered;
     * a target routed inside this Camel context must run on the calling thread instead.
     */
    private static final Set<String> ASYNC_SCHEMES = Set.of("kafka", "pulsar");
    /** Beyond the brokers' own send timeouts (Kafka's delivery timeout is 120 s): only a lost callback waits this. */
    private static final long SEND_TIMEOUT_MINUTES = 5;

    /** A table with the endpoints of its subscribers resolved, and a started producer for each. */
    private record Loaded(SubscriberTable table, Map<String, Endpoint> endpoints, Map<String, AsyncProducer> producers) {
    }

    /** A copy of an event on its way to one subscriber. */
    private record Send(Subscriber subscriber, Exchange copy) {
    }

    private final DispatchConfiguration configuration;
    private volatile Loaded loaded;
    private ScheduledExecutorService watcher;
    private String lastSeenVersion;

    public DispatchProducer(DispatchEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        lastSeenVersion = version();
        loaded = load();
        LOG.info("eda-dispatch: {} subscribers from {}", loaded.table().size(), configuration.getFile());
        if (configuration.getReloadInterval() > 0 && localFile() != null) {
            watcher = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "eda-dispatch-reload");
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, configuration.getReloadInterval(),
                    configuration.getReloadInterval(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (watcher != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(watcher);
            watcher = null;
        }
        if (loaded != null) {
            stopProducers(loaded);
        }
        super.doStop();
    }

    @Override
    public DispatchEndpoint getEndpoint() {
        return (DispatchEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Loaded current = loaded;
        List<Send> sends = new ArrayList<>();
        List<Message> batch = batch(exchange.getMessage().getBody());
        if (batch == null) {
            addSends(current, exchange, exchange.getMessage(), sends);
        } else {
            for (Message event : batch) {
                addSends(current, exchange, event, sends);
            }
        }
        // broker targets: every send issued, then all awaited; others (direct:, routes of this context) one by one
        CountDownLatch done = new CountDownLatch(sends.size());
        for (Send send : sends) {
            AsyncProducer producer = current.producers().get(send.subscriber().name());
            try {
                if (ASYNC_SCHEMES.contains(StringHelper.before(producer.getEndpoint().getEndpointUri(), ":", ""))) {
                    producer.process(send.copy(), doneSync -> done.countDown());
                } else {
                    producer.process(send.copy());
                    done.countDown();
                }
            } catch (Exception e) {
                send.copy().setException(e);
                done.countDown();
            }
        }
        if (!done.await(SEND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            throw new IllegalStateException("eda-dispatch: " + done.getCount() + " of " + sends.size()
                    + " sends did not finish within " + SEND_TIMEOUT_MINUTES + " minutes");
        }
        Exception failure = null;
        for (Send send : sends) {
            Exception e = send.copy().getException();
            if (e != null) {
                LOG.warn("eda-dispatch: subscriber '{}' ({}) failed for event {}: {}", send.subscriber().name(),
                        send.subscriber().uri(), eventId(send.copy().getMessage().getBody()), e.getMessage());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The events of a batch body, or null when the body is one event. */
    private static List<Message> batch(Object body) {
        if (body instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Message.class::isInstance)) {
            return list.stream().map(Message.class::cast).toList();
        }
        return null;
    }

    /** Matches one event and adds a copy for each matching subscriber; notes the names on the event's message. */
    private void addSends(Loaded current, Exchange exchange, Message event, List<Send> sends) throws Exception {
        Object body = event.getBody();
        List<Subscriber> matched = current.table().match(EventJson.of(body, exchange));
        event.setHeader(DispatchConstants.MATCHED, matched.stream().map(Subscriber::name).collect(Collectors.joining(",")));
        for (Subscriber subscriber : matched) {
            Exchange copy = ExchangeHelper.createCorrelatedCopy(exchange, false);
            Message message = copy.getMessage();
            if (event != exchange.getMessage()) {
                message.setBody(body);
                message.getHeaders().putAll(event.getHeaders());
            }
            Object stream = event.getHeader(EventStoreConstants.STREAM);
            if (configuration.getKeyHeader() != null && stream != null) {
                message.setHeader(configuration.getKeyHeader(), stream);
            }
            message.setHeader(DispatchConstants.SUBSCRIBER, subscriber.name());
            subscriber.headers().forEach(message::setHeader);
            if (body instanceof Event e) {
                TraceContext.propagate(e, message);
            }
            switch (subscriber.format()) {
                case CLOUDEVENTS -> CloudEvents.writeStructured(event(body), message);
                case CLOUDEVENTS_BINARY -> CloudEvents.writeBinary(event(body), message);
                default -> {
                    // envelope: the event's own bytes, through its type converter
                }
            }
            sends.add(new Send(subscriber, copy));
        }
    }

    private static String eventId(Object body) {
        return body instanceof Event event ? event.eventId() : "(not an event)";
    }

    /** The table in use now. */
    public SubscriberTable table() {
        return loaded.table();
    }

    private static Event event(Object body) {
        if (body instanceof Event event) {
            return event;
        }
        if (body instanceof String text) {
            return CODEC.decode(text.getBytes(StandardCharsets.UTF_8));
        }
        if (body instanceof byte[] bytes) {
            return CODEC.decode(bytes);
        }
        throw new IllegalArgumentException("a CloudEvents format needs an event body, got "
                + (body == null ? "null" : body.getClass().getName()));
    }

    private void reloadIfChanged() {
        try {
            String version = version();
            if (version == null || version.equals(lastSeenVersion)) {
                return;
            }
            lastSeenVersion = version;
            Loaded previous = loaded;
            try {
                loaded = load();
                stopProducers(previous);
                getEndpoint().setLastRefusal(null);
                LOG.info("eda-dispatch: reloaded {}: {} subscribers (were {})", configuration.getFile(),
                        loaded.table().size(), previous.table().size());
            } catch (RuntimeException e) {
                getEndpoint().setLastRefusal(e.getMessage());
                LOG.error("eda-dispatch: refused the changed {}; the previous table of {} subscribers stays: {}",
                        configuration.getFile(), previous.table().size(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("eda-dispatch: cannot check {} for changes: {}", configuration.getFile(), e.getMessage());
        }
    }

    private Loaded load() {
        CamelContext context = getEndpoint().getCamelContext();
        String location = configuration.getFile();
        String text;
        try {
            text = context.resolvePropertyPlaceholders(withoutCommentLines(read(context, location)));
        } catch (IOException e) {
            throw new IllegalArgumentException("subscribers file " + location + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Camel's message quotes the whole text after " from text:"; the key is what matters
            String message = String.valueOf(e.getMessage());
            int quoted = message.indexOf(" from text:");
            throw new IllegalArgumentException("subscribers file " + location + ": "
                    + (quoted < 0 ? message : message.substring(0, quoted)), e);
        }
        SubscriberTable table = SubscriberTable.parse(text, location, configuration.getTopicPrefix());
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (Subscriber subscriber : table.subscribers()) {
            try {
                endpoints.put(subscriber.name(), context.getEndpoint(subscriber.uri()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("subscribers file " + location + ", line " + subscriber.line()
                        + ", subscriber '" + subscriber.name() + "': endpoint " + subscriber.uri() + ": " + e.getMessage(), e);
            }
        }
        Map<String, AsyncProducer> producers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Endpoint> target : endpoints.entrySet()) {
                // the endpoint may not have been started yet (route start-up); its producer needs it (Pulsar's client)
                ServiceHelper.startService(target.getValue());
                AsyncProducer producer = target.getValue().createAsyncProducer();
                producers.put(target.getKey(), producer);
                ServiceHelper.startService(producer);
            }
        } catch (Exception e) {
            producers.values().forEach(ServiceHelper::stopService);
            throw new IllegalArgumentException("subscribers file " + location + ": cannot start a producer: "
                    + e.getMessage(), e);
        }
        return new Loaded(table, endpoints, producers);
    }

    /** Stops a table's producers; a broker producer finishes the sends it has taken first. */
    private static void stopProducers(Loaded table) {
        table.producers().values().forEach(ServiceHelper::stopService);
    }

    /** Comment lines blanked (line numbers stay), so placeholders in comments are not resolved. */
    static String withoutCommentLines(String yaml) {
        return yaml.lines().map(line -> line.stripLeading().startsWith("#") ? "" : line)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String read(CamelContext context, String location) throws IOException {
        if (location.startsWith("classpath:")) {
            try (InputStream in = context.getClassResolver().loadResourceAsStream(location.substring("classpath:".length()))) {
                if (in == null) {
                    throw new IOException("not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(localFile(location));
    }

    private Path localFile() {
        return configuration.getFile().startsWith("classpath:") ? null : localFile(configuration.getFile());
    }

    private static Path localFile(String location) {
        return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
    }

    /** Modification time and size of the file, or null when it is not a file of the file system. */
    private String version() {
        Path file = localFile();
        if (file == null) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }
}
