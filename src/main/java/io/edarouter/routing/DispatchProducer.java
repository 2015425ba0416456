package io.edarouter.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.edarouter.event.CloudEvents;
import io.edarouter.event.Event;
import io.edarouter.observe.TraceContext;
import io.edarouter.event.EventCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the event against the whole table in one pass and sends a copy of the exchange to each
 * matching subscriber, in file order, so one target cannot change what the next one sees. Every target
 * is tried; if any failed, the first failure is thrown afterwards (the others added as suppressed).
 */
public class DispatchProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchProducer.class);
    private static final EventCodec CODEC = new EventCodec();
    private static final int MIN_PRODUCER_CACHE = 1000;

    /** A table with the endpoints of its subscribers resolved. */
    private record Loaded(SubscriberTable table, Map<String, Endpoint> endpoints) {
    }

    private final DispatchConfiguration configuration;
    private volatile Loaded loaded;
    private ProducerTemplate template;
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
        // one cached producer per target: a table larger than the default cache would restart producers
        template = getEndpoint().getCamelContext().createProducerTemplate(
                Math.max(MIN_PRODUCER_CACHE, 2 * loaded.table().size()));
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
        if (template != null) {
            template.stop();
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
        Object body = exchange.getMessage().getBody();
        List<Subscriber> matched = current.table().match(EventJson.of(body, exchange));
        exchange.getMessage().setHeader(DispatchConstants.MATCHED,
                matched.stream().map(Subscriber::name).collect(Collectors.joining(",")));
        Exception failure = null;
        for (Subscriber subscriber : matched) {
            Exchange copy = ExchangeHelper.createCorrelatedCopy(exchange, false);
            copy.getMessage().setHeader(DispatchConstants.SUBSCRIBER, subscriber.name());
            subscriber.headers().forEach(copy.getMessage()::setHeader);
            if (body instanceof Event event) {
                TraceContext.propagate(event, copy.getMessage());
            }
            if (subscriber.format() == Subscriber.Format.CLOUDEVENTS) {
                copy.getMessage().setBody(CODEC.mapper().writeValueAsBytes(CloudEvents.toStructured(event(body))));
            }
            Exchange result = template.send(current.endpoints().get(subscriber.name()), copy);
            if (result.getException() != null) {
                LOG.warn("eda-dispatch: subscriber '{}' ({}) failed: {}", subscriber.name(), subscriber.uri(),
                        result.getException().getMessage());
                if (failure == null) {
                    failure = result.getException();
                } else {
                    failure.addSuppressed(result.getException());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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
        throw new IllegalArgumentException("format cloudevents needs an event body, got "
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
        return new Loaded(table, endpoints);
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
