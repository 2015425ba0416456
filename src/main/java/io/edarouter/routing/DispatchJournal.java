package io.edarouter.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import io.edarouter.config.EdaProperties;
import io.edarouter.event.Event;
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
 * Records where dispatch sent each event ({@code eda.journey.enabled}): a row per copy, or one saying no subscriber
 * matched, in the event store's {@link EventJournal}, for {@code GET /events/{eventId}/journey}. A batch's rows are
 * one insert, written by a thread of its own so the pipeline does not wait for it; while that thread is behind by
 * its queue's worth of batches, the pipeline's thread writes (so a slow database slows dispatch rather than the
 * journal growing without bound). The rows of the last batches before the process dies may be lost; a journal that
 * cannot be written is logged and never fails dispatch.
 */
class DispatchJournal {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchJournal.class);

    /** Records nothing. */
    static final DispatchJournal OFF = new DispatchJournal(null, null);

    private final CamelContext context;
    private final ExecutorService writer;
    private final ThrottledLog failures = new ThrottledLog(LOG, Level.WARN, "eda-dispatch: journey rows not recorded");
    private volatile EventJournal journal;

    private DispatchJournal(CamelContext context, ExecutorService writer) {
        this.context = context;
        this.writer = writer;
    }

    /** The journal of a starting producer: {@link #OFF} unless {@code eda.journey.enabled}. */
    static DispatchJournal start(DispatchProducer producer) {
        CamelContext context = producer.getEndpoint().getCamelContext();
        if (!EdaProperties.of(context).journeyEnabled()) {
            return OFF;
        }
        return new DispatchJournal(context, context.getExecutorServiceManager().newSingleThreadExecutor(producer, "eda-journey"));
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
        List<DispatchRecord> rows = new ArrayList<>(Math.max(events.size(), sends.size()));
        Instant now = Instant.now();
        int next = 0;
        for (Message event : events) {
            String matched = event.getHeader(DispatchConstants.MATCHED, String.class);
            int copies = matched == null || matched.isEmpty() ? 0 : StringHelper.countChar(matched, ',') + 1;
            String eventId = event.getBody() instanceof Event e ? e.eventId() : null;
            Long position = event.getHeader(EventStoreConstants.GLOBAL_POSITION, Long.class);
            long globalPosition = position != null ? position : -1;
            if (eventId != null && copies == 0) {
                rows.add(new DispatchRecord(eventId, globalPosition, null, null, now, DispatchRecord.NO_SUBSCRIBER));
            }
            for (int i = 0; i < copies && next < sends.size(); i++, next++) {
                FanOut.Send send = sends.get(next);
                if (eventId != null) {
                    String uri = send.subscriber().uri();
                    rows.add(new DispatchRecord(eventId, globalPosition, send.subscriber().name(),
                            StringHelper.before(uri, "?", uri), now, send.outcome()));
                }
            }
        }
        writer.execute(() -> write(rows));
    }

    private void write(List<DispatchRecord> rows) {
        try {
            EventJournal target = journal();
            if (target != null) {
                target.record(rows);
            }
        } catch (RuntimeException e) {
            failures.occurred("eda-dispatch: cannot record where {} events went (GET /events/{eventId}/journey): {}",
                    rows.size(), e.toString());
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
