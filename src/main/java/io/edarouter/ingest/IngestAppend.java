package io.edarouter.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.edarouter.broker.InputAcknowledgement;
import io.edarouter.config.EdaProperties;
import io.edarouter.event.Event;
import io.edarouter.event.EventBatch;
import io.edarouter.event.InvalidEventException;
import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import io.edarouter.store.AppendResult;
import io.edarouter.store.EventStore;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.StreamEvents;
import io.edarouter.store.camel.EventStoreComponent;
import io.edarouter.store.camel.EventStoreConstants;
import io.edarouter.store.camel.StreamResolver;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncCallbackToCompletableFutureAdapter;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Appends the events of an ingest exchange (the {@link EventBatch} of {@link IngestRecords}; events refused by
 * a step in between are dead-lettered first) to the event store in one transaction, each to its stream (its {@code subject}, else {@code eda.store.stream-expression}).
 *
 * <ul>
 * <li>The store unreachable ({@link StoreOutage}): waits and tries again, with a delay doubling up to
 * {@code eda.ingest.outage-max-delay}, for as long as it takes. The consumer pauses meanwhile; nothing is
 * dead-lettered or skipped. Only the router stopping ends the wait (the exchange then fails, uncommitted).</li>
 * <li>Any other failure: tried again up to {@code eda.ingest.max-attempts} times in all, then each event is
 * appended on its own, in order, with the same bound; an event that still fails is dead-lettered with its
 * record's bytes and headers, and the others are stored.</li>
 * <li>An event whose stream cannot be told ({@link StreamResolver}: no subject, and the expression misses a value)
 * is dead-lettered at once, at stage {@code stream}.</li>
 * <li>A batch with a record its broker reads again before it ({@link InputAcknowledgement#readAgain}: an earlier
 * batch of its Kafka partition failed on the overlapped input) fails at once ({@link ReadAgain}), nothing of it
 * stored: it is read again in turn.</li>
 * </ul>
 *
 * <p>Afterwards the body is a {@code List<Message>}, one per stored event, with the event as body and the
 * headers {@code CamelEventStoreStream}, {@code CamelEventStoreStreamVersion},
 * {@code CamelEventStoreGlobalPosition}, {@code CamelEventStoreDuplicate}: {@code eda-dispatch:} takes the list
 * as a batch (a {@code split} can hand each to other steps).
 *
 * <p>A batch of {@code eda-batch:} with {@code overlap} is appended on its lane's store thread
 * ({@link BatchConsumer#STORE_STAGE}), and the route goes on there: the lane's thread is free to prepare the next
 * batch while this one waits on the store and the brokers. Anything else is appended on the calling thread.
 */
public class IngestAppend implements AsyncProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(IngestAppend.class);

    private final IngestDeadLetter deadLetter = new IngestDeadLetter();
    // a poison event fails every batch it is in: these would be lines per batch
    private final ThrottledLog retries = new ThrottledLog(LOG, Level.WARN, "failed appends tried again");
    private final ThrottledLog oneByOne = new ThrottledLog(LOG, Level.WARN, "batches appended one by one");
    private volatile Settings settings;

    private record Settings(EventStore store, StreamResolver streams, int maxAttempts, Duration retryDelay,
            Duration outageMaxDelay) {
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Executor stage = exchange.getProperty(BatchConsumer.STORE_STAGE, Executor.class);
        if (stage != null) {
            try {
                stage.execute(() -> {
                    appendCatching(exchange);
                    callback.done(false);
                });
                return false;
            } catch (RejectedExecutionException stopped) {
                exchange.setException(stopped);
                callback.done(true);
                return true;
            }
        }
        appendCatching(exchange);
        callback.done(true);
        return true;
    }

    @Override
    public CompletableFuture<Exchange> processAsync(Exchange exchange) {
        AsyncCallbackToCompletableFutureAdapter<Exchange> callback = new AsyncCallbackToCompletableFutureAdapter<>(exchange);
        process(exchange, callback);
        return callback.getFuture();
    }

    private void appendCatching(Exchange exchange) {
        try {
            process(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.setException(e);
        } catch (Exception e) {
            exchange.setException(e);
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Settings s = settings(exchange.getContext());
        if (!EventBatch.isBatch(exchange)) {
            throw new IllegalStateException("IngestAppend needs the events and records of IngestRecords before it");
        }
        @SuppressWarnings("unchecked")
        List<Exchange> all = exchange.getProperty(IngestRecords.RECORDS, List.class);
        if (all != null) {
            Optional<String> readAgain = InputAcknowledgement.anyReadAgain(all.stream().map(Exchange::getMessage).toList());
            if (readAgain.isPresent()) {
                throw new ReadAgain(readAgain.get());
            }
        }
        for (Map.Entry<Exchange, InvalidEventException> refused : EventBatch.takeRefused(exchange)) {
            deadLetter.send(exchange, refused.getKey(), refused.getValue());
        }
        List<Event> events = EventBatch.events(exchange);
        List<Exchange> records = EventBatch.records(exchange);
        List<Event> toStore = new ArrayList<>(events.size());
        List<String> streams = new ArrayList<>(events.size());
        List<Exchange> storedRecords = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            try {
                streams.add(s.streams().streamOf(records.get(i), events.get(i)));
                toStore.add(events.get(i));
                storedRecords.add(records.get(i));
            } catch (InvalidEventException invalid) {
                deadLetter.send(exchange, records.get(i), invalid);
            }
        }
        List<Message> stored = new ArrayList<>(toStore.size());
        if (!toStore.isEmpty()) {
            try {
                List<AppendResult.Appended> appended = appendWithRetry(exchange, s, streams, toStore);
                for (int i = 0; i < toStore.size(); i++) {
                    stored.add(message(exchange.getContext(), toStore.get(i), streams.get(i), appended.get(i)));
                }
            } catch (PersistentFailure failure) {
                if (toStore.size() == 1) {
                    deadLetter.send(exchange, storedRecords.get(0), (Exception) failure.getCause());
                } else {
                    oneByOne.occurred("a batch of {} events failed {} times ({}); appending them one by one",
                            toStore.size(), s.maxAttempts(), failure.getCause().toString());
                    for (int i = 0; i < toStore.size(); i++) {
                        try {
                            AppendResult.Appended one = appendWithRetry(exchange, s, List.of(streams.get(i)),
                                    List.of(toStore.get(i))).get(0);
                            stored.add(message(exchange.getContext(), toStore.get(i), streams.get(i), one));
                        } catch (PersistentFailure poison) {
                            deadLetter.send(exchange, storedRecords.get(i), (Exception) poison.getCause());
                        }
                    }
                }
            }
        }
        exchange.getMessage().setBody(stored);
    }

    /** Appends in one transaction; returns the position of each event, in order. */
    private List<AppendResult.Appended> appendWithRetry(Exchange exchange, Settings s, List<String> streams, List<Event> events)
            throws PersistentFailure, InterruptedException {
        List<StreamEvents> batch = StreamEvents.runs(streams, events, ExpectedVersion.any());
        int attempts = 0;
        long outageDelay = s.retryDelay().toMillis();
        long outageSince = 0;
        while (true) {
            try {
                List<AppendResult> results = s.store().appendAll(batch);
                if (outageSince != 0) {
                    LOG.info("event store reachable again after {} ms; ingest resumes", System.currentTimeMillis() - outageSince);
                }
                List<AppendResult.Appended> appended = new ArrayList<>(events.size());
                results.forEach(result -> appended.addAll(result.events()));
                return appended;
            } catch (RuntimeException e) {
                if (exchange.getContext().isStopping() || exchange.getContext().isStopped()) {
                    throw e;
                }
                if (StoreOutage.isOutage(e)) {
                    if (outageSince == 0) {
                        outageSince = System.currentTimeMillis();
                        LOG.warn("event store unreachable, ingest pauses and retries until it is back: {}", e.getMessage());
                    } else {
                        LOG.debug("event store still unreachable: {}", e.getMessage());
                    }
                    Thread.sleep(outageDelay);
                    outageDelay = Math.min(outageDelay * 2, s.outageMaxDelay().toMillis());
                    continue;
                }
                attempts++;
                EdaMeters.registry(exchange.getContext()).counter(EdaMeters.INGEST_APPEND_FAILED).increment();
                if (attempts >= s.maxAttempts()) {
                    throw new PersistentFailure(e);
                }
                retries.occurred("append failed (attempt {} of {}), trying again: {}", attempts, s.maxAttempts(),
                        e.toString());
                Thread.sleep(s.retryDelay().toMillis() * attempts);
            }
        }
    }

    private static Message message(CamelContext context, Event event, String stream, AppendResult.Appended appended) {
        Message message = new DefaultMessage(context);
        message.setBody(event);
        message.setHeader(EventStoreConstants.STREAM, stream);
        message.setHeader(EventStoreConstants.STREAM_VERSION, appended.streamVersion());
        message.setHeader(EventStoreConstants.GLOBAL_POSITION, appended.globalPosition());
        message.setHeader(EventStoreConstants.DUPLICATE, appended.duplicate());
        return message;
    }

    private Settings settings(CamelContext context) {
        Settings s = settings;
        if (s == null) {
            EdaProperties properties = EdaProperties.of(context);
            EventStore store = context.getComponent("eventstore", EventStoreComponent.class).getEventStore();
            s = new Settings(store,
                    new StreamResolver(context, properties.streamExpression().orElse(null), EdaProperties.STREAM_EXPRESSION),
                    Math.max(1, properties.ingestMaxAttempts()), properties.ingestRetryDelay(),
                    properties.ingestOutageMaxDelay());
            settings = s;
        }
        return s;
    }

    /** A record of the batch comes again before the records after it: the batch fails and is read again. */
    static final class ReadAgain extends IllegalStateException {
        ReadAgain(String why) {
            super("batch not stored: " + why);
        }
    }

    /** The append failed for a reason other than an outage, as often as allowed. */
    private static final class PersistentFailure extends Exception {
        PersistentFailure(RuntimeException cause) {
            super(cause);
        }
    }
}
