package io.edarouter.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.edarouter.config.EdaProperties;
import io.edarouter.observe.ThrottledLog;
import io.edarouter.store.DispatchRecord;
import io.edarouter.store.EventJournal;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.store.camel.EventStoreConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.StringHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Records where dispatch sent each event ({@code eda.journey.enabled}): a row per run of consecutive positions in a
 * batch (most batches: one) listing the copies sent (an event without one matched no subscriber), in the event store's
 * {@link EventJournal}, for {@code GET /events/{eventId}/journey}. A thread of its own gathers the batches of
 * {@link #GATHER_MILLIS} and writes them as one COPY, so the pipeline does not wait for it; while
 * {@value #MAX_PENDING} batches wait, the pipeline's thread writes (so a slow database slows dispatch rather than the
 * journal growing without bound). The rows older than {@code eda.journey.retention} are deleted after writes. The
 * rows of the last batches before the process dies may be lost; a journal that cannot be written is logged and never
 * fails dispatch.
 */
class DispatchJournal {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchJournal.class);

    /** Records nothing. */
    static final DispatchJournal OFF = new DispatchJournal(null, null, null);
    /** Rows a prune looks at. */
    static final int PRUNE_WINDOW = 1_000;
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

    /** How long the writer gathers batches before it writes them, in one transaction. */
    static final long GATHER_MILLIS = 100;
    /** Batches waiting beyond which the pipeline's thread writes them itself. */
    private static final int MAX_PENDING = 1000;

    private final CamelContext context;
    private final ScheduledExecutorService writer;
    private final ConcurrentLinkedQueue<List<DispatchRecord>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingBatches = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ThrottledLog failures = new ThrottledLog(LOG, Level.WARN, "eda-dispatch: journey rows not recorded");
    private final Duration retention;
    private volatile EventJournal journal;
    /** Written by whichever thread writes (the pipeline's too, when the writer is behind): at worst a prune too many. */
    private volatile Instant nextPrune = Instant.MIN;

    private DispatchJournal(CamelContext context, ScheduledExecutorService writer, Duration retention) {
        this.context = context;
        this.writer = writer;
        this.retention = retention;
    }

    /** The journal of a starting producer: {@link #OFF} unless {@code eda.journey.enabled}. */
    static DispatchJournal start(DispatchProducer producer) {
        CamelContext context = producer.getEndpoint().getCamelContext();
        EdaProperties properties = EdaProperties.of(context);
        if (!properties.journeyEnabled()) {
            return OFF;
        }
        return new DispatchJournal(context, context.getExecutorServiceManager().newSingleThreadScheduledExecutor(producer, "eda-journey"),
                properties.journeyRetention());
    }

    void stop() {
        if (writer != null) {
            // what is queued is written before the thread ends
            context.getExecutorServiceManager().shutdownGraceful(writer);
        }
    }

    /**
     * Records the dispatch of an exchange whose sends ended (or failed): {@code batch} its events, or null when the
     * exchange is one event; {@code sends} in event order, as many per event as its {@link DispatchConstants#MATCHED}
     * names.
     */
    void dispatched(Exchange exchange, List<Message> batch, List<FanOut.Send> sends) {
        if (writer == null) {
            return;
        }
        List<Message> events = batch != null ? batch : List.of(exchange.getMessage());
        List<DispatchRecord> rows = new ArrayList<>(2);
        Instant now = Instant.now();
        List<DispatchRecord.Copy> copies = new ArrayList<>();
        long first = -1;
        long last = -1;
        int next = 0;
        for (Message event : events) {
            String matched = event.getHeader(DispatchConstants.MATCHED, String.class);
            int count = matched == null || matched.isEmpty() ? 0 : StringHelper.countChar(matched, ',') + 1;
            // the journey finds an event's dispatch by its stored position: one the store did not give one is not kept
            Long position = event.getHeader(EventStoreConstants.GLOBAL_POSITION, Long.class);
            if (position != null && (first < 0 || position != last + 1 || position - first >= DispatchRecord.MAX_POSITIONS)) {
                if (first >= 0) {
                    rows.add(new DispatchRecord(first, last, now, copies));
                    copies.clear();
                }
                first = position;
            }
            for (int i = 0; i < count && next < sends.size(); i++, next++) {
                FanOut.Send send = sends.get(next);
                if (position != null) {
                    String uri = send.subscriber().uri();
                    copies.add(new DispatchRecord.Copy(position, send.subscriber().name(), StringHelper.before(uri, "?", uri),
                            send.outcome()));
                }
            }
            if (position != null) {
                last = position;
            }
        }
        if (first >= 0) {
            rows.add(new DispatchRecord(first, last, now, copies));
        }
        if (rows.isEmpty()) {
            return;
        }
        pending.add(rows);
        if (pendingBatches.incrementAndGet() > MAX_PENDING) {
            writePending();
        } else if (scheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(this::writePending, GATHER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping: the rows are written here rather than failing dispatch
                writePending();
            }
        }
    }

    /**
     * Writes the batches gathered so far: one transaction for all those of {@link #GATHER_MILLIS}, where one per
     * batch cost PostgreSQL a commit per batch.
     */
    private void writePending() {
        scheduled.set(false);
        List<DispatchRecord> rows = new ArrayList<>();
        int batches = 0;
        for (List<DispatchRecord> batch; (batch = pending.poll()) != null; batches++) {
            rows.addAll(batch);
        }
        pendingBatches.addAndGet(-batches);
        if (!rows.isEmpty()) {
            write(rows);
        }
    }

    private void write(List<DispatchRecord> rows) {
        try {
            EventJournal target = journal();
            if (target != null) {
                target.record(rows);
                prune(target, rows.get(0).dispatchedAt());
            }
        } catch (RuntimeException e) {
            failures.occurred("eda-dispatch: cannot record where {} events went (GET /events/{eventId}/journey): {}",
                    rows.size(), e.toString());
        }
    }

    /**
     * Deletes rows older than the retention, a window of {@value #PRUNE_WINDOW} rows after a write: after each write
     * while there is more to delete, else once every {@link #PRUNE_INTERVAL}, so a backlog (the first start after
     * days off, a retention shortened) is caught up a window per batch without holding the writes up for long.
     */
    private void prune(EventJournal target, Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        try {
            int deleted = target.prune(now.minus(retention), PRUNE_WINDOW);
            nextPrune = deleted > 0 ? now : now.plus(PRUNE_INTERVAL);
        } catch (RuntimeException e) {
            nextPrune = now.plus(PRUNE_INTERVAL);
            failures.occurred("eda-dispatch: cannot delete journey rows older than {} (eda.journey.retention): {}",
                    retention, e.toString());
        }
    }

    /** The store's journal, found at the first write: the pipeline's store step has started it by then. */
    private EventJournal journal() {
        EventJournal found = journal;
        if (found == null && context.hasComponent("eventstore") instanceof EventStoreComponent component
                && component.getEventStore() instanceof JdbcEventStore jdbc) {
            journal = found = jdbc.journal();
        }
        return found;
    }
}
