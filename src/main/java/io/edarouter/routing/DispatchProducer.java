package io.edarouter.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.TraceContext;
import io.edarouter.event.EventCodec;
import io.edarouter.store.camel.EventStoreConstants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * target is tried; if any failed, the first failure is thrown once all sends have finished (the first of each
 * other failing subscriber added as suppressed). A broker send that failed, or has not finished within
 * {@code sendTimeout}, also gets its producer closed and replaced: a Kafka producer can be left in a state it
 * never leaves (an idempotent one refused with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} retries for as long as its
 * delivery timeout), and the retried exchange must meet a fresh one.
 */
public class DispatchProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchProducer.class);
    private static final EventCodec CODEC = new EventCodec();
    /**
     * Components whose producers send on the broker client's own threads and call back when the broker answered;
     * a target routed inside this Camel context must run on the calling thread instead.
     */
    private static final Set<String> ASYNC_SCHEMES = Set.of("kafka", "pulsar");

    /** A table with a target for each of its subscribers, by name. */
    private record Loaded(SubscriberTable table, Map<String, Target> targets) {
    }

    /** Where one subscriber's copies go: its endpoint, the started producer in use, and its meters. */
    private static final class Target {
        private final Subscriber subscriber;
        private final Endpoint endpoint;
        /** Whether its producer sends on a broker client's threads (Kafka, Pulsar) and is replaced when stuck. */
        private final boolean broker;
        private final Counter dispatched;
        private final Counter failed;
        private final Counter replaced;
        private volatile AsyncProducer producer;

        Target(Subscriber subscriber, Endpoint endpoint, MeterRegistry registry) {
            this.subscriber = subscriber;
            this.endpoint = endpoint;
            this.broker = ASYNC_SCHEMES.contains(StringHelper.before(endpoint.getEndpointUri(), ":", ""));
            String target = StringHelper.before(subscriber.uri(), "?", subscriber.uri());
            this.dispatched = Counter.builder(EdaMeters.DISPATCHED).description("Events sent to a subscriber by eda-dispatch")
                    .tag("subscriber", subscriber.name()).tag("endpoint", target).register(registry);
            this.failed = Counter.builder(EdaMeters.DISPATCH_FAILED)
                    .description("Sends to a subscriber that failed or did not finish within sendTimeout")
                    .tag("subscriber", subscriber.name()).tag("endpoint", target).register(registry);
            this.replaced = Counter.builder(EdaMeters.DISPATCH_PRODUCERS_REPLACED)
                    .description("Broker producers closed and replaced after a failed or unfinished send")
                    .tag("subscriber", subscriber.name()).register(registry);
        }

        /** The subscriber and its target, as log lines name them. */
        String describe() {
            return "subscriber '" + subscriber.name() + "' (" + StringHelper.before(subscriber.uri(), "?", subscriber.uri()) + ")";
        }
    }

    /** A copy of an event on its way to one subscriber. */
    private static final class Send {
        private final Subscriber subscriber;
        private final Exchange copy;
        /** The producer it was handed to. */
        private AsyncProducer producer;
        private volatile boolean finished;

        Send(Subscriber subscriber, Exchange copy) {
            this.subscriber = subscriber;
            this.copy = copy;
        }

        Subscriber subscriber() {
            return subscriber;
        }

        Exchange copy() {
            return copy;
        }
    }

    /** How the sends of one exchange to one subscriber went. */
    private static final class Outcome {
        private int sent;
        private int failed;
        private Exception first;
        private Send firstFailed;
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
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(configuration.getSendTimeout());
        CountDownLatch done = new CountDownLatch(sends.size());
        for (Send send : sends) {
            Target target = current.targets().get(send.subscriber().name());
            send.producer = target.producer;
            try {
                if (target.broker) {
                    send.producer.process(send.copy(), doneSync -> {
                        send.finished = true;
                        done.countDown();
                    });
                } else {
                    send.producer.process(send.copy());
                    send.finished = true;
                    done.countDown();
                }
            } catch (Exception e) {
                send.copy().setException(e);
                send.finished = true;
                done.countDown();
            }
        }
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Exception failure = settle(current, sends);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Counts the sends per subscriber, replaces the broker producers whose sends failed or did not finish, logs one
     * line per failing subscriber, and answers the first failure (the first of each other failing subscriber added
     * as suppressed), or null.
     */
    private Exception settle(Loaded current, List<Send> sends) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Send send : sends) {
            Outcome outcome = outcomes.computeIfAbsent(send.subscriber().name(), name -> new Outcome());
            Exception e = send.finished ? send.copy().getException() : new IllegalStateException("eda-dispatch: the send to "
                    + current.targets().get(send.subscriber().name()).describe() + " did not finish within "
                    + configuration.getSendTimeout() + " ms (sendTimeout)");
            if (e == null) {
                outcome.sent++;
            } else if (outcome.failed++ == 0) {
                outcome.first = e;
                outcome.firstFailed = send;
            }
        }
        Exception failure = null;
        for (Map.Entry<String, Outcome> entry : outcomes.entrySet()) {
            Target target = current.targets().get(entry.getKey());
            Outcome outcome = entry.getValue();
            if (outcome.sent > 0) {
                target.dispatched.increment(outcome.sent);
            }
            if (outcome.failed == 0) {
                continue;
            }
            target.failed.increment(outcome.failed);
            boolean replaced = target.broker && replace(target, outcome.firstFailed.producer);
            LOG.warn("eda-dispatch: {}: {} of {} sends failed, the first for event {}: {}{}", target.describe(),
                    outcome.failed, outcome.sent + outcome.failed, eventId(outcome.firstFailed.copy().getMessage().getBody()),
                    outcome.first.getMessage(), replaced ? "; its producer was closed and replaced, the exchange fails and is retried" : "");
            if (failure == null) {
                failure = outcome.first;
            } else if (failure != outcome.first) {
                failure.addSuppressed(outcome.first);
            }
        }
        return failure;
    }

    /**
     * Closes a target's producer without waiting for the sends it holds and puts a new one in its place, unless
     * another exchange did already. Answers whether this call replaced it.
     */
    private boolean replace(Target target, AsyncProducer stuck) {
        synchronized (target) {
            if (target.producer != stuck || !isRunAllowed()) {
                return false;
            }
            closeNow(stuck);
            try {
                AsyncProducer fresh = target.endpoint.createAsyncProducer();
                ServiceHelper.startService(fresh);
                target.producer = fresh;
            } catch (Exception e) {
                // the closed producer stays: the next send through it fails at once and comes here again
                LOG.error("eda-dispatch: {}: cannot start a new producer: {}", target.describe(), e.getMessage());
                return false;
            }
        }
        target.replaced.increment();
        return true;
    }

    /** Stops a producer; a Kafka producer is closed at once, failing the sends it still holds instead of awaiting them. */
    private static void closeNow(AsyncProducer producer) {
        if (producer instanceof org.apache.camel.component.kafka.KafkaProducer kafka && kafka.getKafkaProducer() != null) {
            kafka.getKafkaProducer().close(Duration.ZERO);
            // so that stopping it does not close the client again, waiting for those sends
            kafka.setKafkaProducer(null);
        }
        ServiceHelper.stopService(producer);
    }

    /**
     * The events of a batch body, or null when the body is one event. An empty list is a batch of none (every record
     * of an ingest batch refused before the append): nothing to send, and the exchange completes.
     */
    private static List<Message> batch(Object body) {
        if (body instanceof List<?> list && list.stream().allMatch(Message.class::isInstance)) {
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
            // what matched is the caller's answer, not something for the subscriber
            message.removeHeader(DispatchConstants.MATCHED);
            Object stream = event.getHeader(EventStoreConstants.STREAM);
            if (configuration.getKeyHeader() != null && stream != null) {
                message.setHeader(configuration.getKeyHeader(), stream);
            }
            copy.setProperty(DispatchConstants.SUBSCRIBER, subscriber.name());
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
            text = read(context, location);
        } catch (IOException e) {
            throw new IllegalArgumentException("subscribers file " + location + ": cannot read: " + e.getMessage(), e);
        }
        SubscriberTable table = SubscriberTable.parse(text, location, configuration.getTopicPrefix(),
                placeholder -> property(context, placeholder));
        MeterRegistry registry = EdaMeters.registry(context);
        Map<String, Target> targets = new LinkedHashMap<>();
        for (Subscriber subscriber : table.subscribers()) {
            try {
                targets.put(subscriber.name(), new Target(subscriber, context.getEndpoint(subscriber.uri()), registry));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("subscribers file " + location + ", line " + subscriber.line()
                        + ", subscriber '" + subscriber.name() + "': endpoint " + subscriber.uri() + ": " + e.getMessage(), e);
            }
        }
        if (configuration.isCreateTopics()) {
            KafkaTopicCreator.createFor(targets.values().stream().map(target -> target.endpoint).toList(),
                    "eda-dispatch " + location);
        }
        try {
            for (Target target : targets.values()) {
                // the endpoint may not have been started yet (route start-up); its producer needs it (Pulsar's client)
                ServiceHelper.startService(target.endpoint);
                target.producer = target.endpoint.createAsyncProducer();
                ServiceHelper.startService(target.producer);
            }
        } catch (Exception e) {
            targets.values().stream().filter(target -> target.producer != null)
                    .forEach(target -> ServiceHelper.stopService(target.producer));
            throw new IllegalArgumentException("subscribers file " + location + ": cannot start a producer: "
                    + e.getMessage(), e);
        }
        return new Loaded(table, targets);
    }

    /** The value of a placeholder ({@code key}, {@code key:default}, {@code env:NAME}), or null when its key is not set. */
    private static String property(CamelContext context, String placeholder) {
        try {
            return context.resolvePropertyPlaceholders("{{" + placeholder + "}}");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Stops a table's producers; a broker producer finishes the sends it has taken first. */
    private static void stopProducers(Loaded table) {
        table.targets().values().forEach(target -> ServiceHelper.stopService(target.producer));
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
