package io.edarouter.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches each event against the whole table in one pass and sends a copy ({@link SubscriberCopy}) to each matching
 * subscriber, in file order, so one target cannot change what the next one sees; {@link FanOut} sends the copies. The
 * body is one event, or a batch: a {@code List<Message>} of events (what the pipeline's append step leaves). The
 * table ({@link DispatchTargets}) comes from the subscribers file, which is checked for changes every
 * {@code reloadInterval}: a changed file replaces the table atomically, a broken one is refused and the previous
 * table stays.
 */
public class DispatchProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchProducer.class);

    private final DispatchConfiguration configuration;
    private final FanOut fanOut;
    private DispatchJournal journal = DispatchJournal.OFF;
    private SubscribersFile file;
    private volatile DispatchTargets targets;
    private ScheduledExecutorService watcher;
    /** Runs the Kafka producers' flushes, which block until their records are answered ({@link FanOut}). */
    private volatile ExecutorService flusher;

    public DispatchProducer(DispatchEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
        this.fanOut = new FanOut(configuration.getSendTimeout(), this::isRunAllowed, task -> {
            ExecutorService executor = flusher;
            if (executor == null) {
                throw new RejectedExecutionException("eda-dispatch is stopped");
            }
            executor.execute(task);
        });
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        flusher = getEndpoint().getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "eda-dispatch-flush");
        file = new SubscribersFile(configuration.getFile());
        targets = load();
        journal = DispatchJournal.start(this);
        LOG.info("eda-dispatch: {} subscribers from {}", targets.table().size(), file.location());
        if (configuration.getReloadInterval() > 0 && file.canChange()) {
            watcher = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadScheduledExecutor(this, "eda-dispatch-reload");
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, configuration.getReloadInterval(),
                    configuration.getReloadInterval(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() throws Exception {
        journal.stop();
        if (watcher != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(watcher);
            watcher = null;
        }
        if (targets != null) {
            targets.stop();
        }
        if (flusher != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(flusher);
            flusher = null;
        }
        super.doStop();
    }

    @Override
    public DispatchEndpoint getEndpoint() {
        return (DispatchEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        DispatchTargets current = targets;
        List<FanOut.Send> sends = new ArrayList<>();
        List<Message> batch = batch(exchange.getMessage().getBody());
        if (batch == null) {
            addSends(current.table(), exchange, exchange.getMessage(), sends);
        } else {
            for (Message event : batch) {
                addSends(current.table(), exchange, event, sends);
            }
        }
        try {
            fanOut.send(current, sends);
        } finally {
            journal.dispatched(exchange, batch, sends);
        }
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
    private void addSends(SubscriberTable table, Exchange exchange, Message event, List<FanOut.Send> sends) {
        List<Subscriber> matched = table.match(EventJson.of(event.getBody(), exchange));
        event.setHeader(DispatchConstants.MATCHED, matched.stream().map(Subscriber::name).collect(Collectors.joining(",")));
        for (Subscriber subscriber : matched) {
            sends.add(new FanOut.Send(subscriber, SubscriberCopy.of(exchange, event, subscriber, configuration.getKeyHeader())));
        }
    }

    private void reloadIfChanged() {
        try {
            if (!file.changed()) {
                return;
            }
            DispatchTargets previous = targets;
            try {
                targets = load();
                previous.stop();
                getEndpoint().setLastRefusal(null);
                LOG.info("eda-dispatch: reloaded {}: {} subscribers (were {})", file.location(), targets.table().size(),
                        previous.table().size());
            } catch (RuntimeException e) {
                getEndpoint().setLastRefusal(e.getMessage());
                LOG.error("eda-dispatch: refused the changed {}; the previous table of {} subscribers stays: {}",
                        file.location(), previous.table().size(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("eda-dispatch: cannot check {} for changes: {}", file.location(), e.getMessage());
        }
    }

    /** The file's table, its placeholders resolved, with a started producer for each subscriber. */
    private DispatchTargets load() {
        CamelContext context = getEndpoint().getCamelContext();
        SubscriberTable table = SubscriberTable.parse(file.read(context), file.location(), configuration.getTopicPrefix(),
                SubscriberPlaceholders.of(context));
        DispatchTargets started = DispatchTargets.start(table, context, configuration.isCreateTopics(), file.location());
        getEndpoint().setSubscribers(table.subscribers());
        return started;
    }
}
