package io.edarouter.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * A producer for a broker whose API takes many records in one call with a per-record answer (Kinesis
 * {@code PutRecords}, SQS {@code SendMessageBatch}): the exchanges handed over together ({@link #processAll}, as
 * eda-dispatch does with one batch's copies) go out in as few calls as the broker's limits allow, on a thread of the
 * producer's own, and each exchange completes when the call holding its last record answered. The calls of one
 * hand-over run one after the other, in the exchanges' order, so a later call cannot overtake an earlier one; once
 * a record is refused (its own error code and message) or a call fails, its exchange fails and so does every exchange
 * with records after it, unsent: the caller retries the batch and the records go again in order, never counted as
 * sent. {@link #process(Exchange, AsyncCallback)} (a route's {@code to:}) is a hand-over of one exchange.
 *
 * @param <E> one record of a call, as the broker's SDK builds it
 */
public abstract class BatchingProducer<E> extends DefaultAsyncProducer {

    private final int maxRecords;
    private final long maxBytes;
    private ExecutorService executor;

    /** A producer whose calls hold at most {@code maxRecords} records of {@code maxBytes} bytes together. */
    protected BatchingProducer(Endpoint endpoint, int maxRecords, long maxBytes) {
        super(endpoint);
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** The records of one exchange, in order; throws, naming what is wrong, when it cannot be sent. */
    protected abstract List<E> records(Exchange exchange) throws Exception;

    /** A record's size as the broker counts it against the call's limit. */
    protected abstract long size(E record);

    /** Sends one call's records; answers, per record in order, null when stored, else the broker's "code: message". */
    protected abstract List<String> send(List<E> records) throws Exception;

    /** The target as errors name it, e.g. {@code eda-kinesis:order-events}. */
    protected abstract String target();

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, target() + " sends");
    }

    @Override
    protected void doStop() throws Exception {
        // not graceful: the calls under way still answer their exchanges, but nothing waits for them here (a producer
        // replaced because its send did not finish must not hold up the dispatch that replaces it)
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(executor);
            executor = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return processAll(List.of(exchange), List.of(callback));
    }

    /**
     * Sends the exchanges, in order, in as few calls as the limits allow; {@code callbacks.get(i)} is called once
     * exchange {@code i} was stored or failed (its exception set). Answers true when all of them were answered on
     * this thread already (the producer is stopped), false when they will be on the producer's thread.
     */
    public boolean processAll(List<Exchange> exchanges, List<AsyncCallback> callbacks) {
        ExecutorService running = executor;
        try {
            if (running == null) {
                throw new RejectedExecutionException(target() + ": the producer is stopped");
            }
            running.execute(() -> sendAll(exchanges, callbacks));
            return false;
        } catch (RejectedExecutionException e) {
            for (int i = 0; i < exchanges.size(); i++) {
                exchanges.get(i).setException(e);
                callbacks.get(i).done(true);
            }
            return true;
        }
    }

    private void sendAll(List<Exchange> exchanges, List<AsyncCallback> callbacks) {
        List<E> records = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        // the index of each exchange's last record (-1: none), when its exchange can be answered
        int[] last = new int[exchanges.size()];
        for (int i = 0; i < exchanges.size(); i++) {
            last[i] = -1;
            try {
                List<E> own = records(exchanges.get(i));
                for (E record : own) {
                    if (size(record) > maxBytes) {
                        throw new IllegalArgumentException(target() + ": a record of " + size(record)
                                + " bytes is over the " + maxBytes + " bytes one call can hold");
                    }
                }
                for (E record : own) {
                    records.add(record);
                    owners.add(i);
                    last[i] = records.size() - 1;
                }
            } catch (Exception e) {
                exchanges.get(i).setException(e);
            }
        }
        int answered = answerUpTo(exchanges, callbacks, last, -1, 0);
        String refused = null;
        int start = 0;
        while (start < records.size()) {
            int end = start;
            long bytes = 0;
            while (end < records.size() && end - start < maxRecords && bytes + size(records.get(end)) <= maxBytes) {
                bytes += size(records.get(end++));
            }
            if (refused != null) {
                for (int r = start; r < end; r++) {
                    fail(exchanges.get(owners.get(r)), new IllegalStateException(target() + ": not sent: an earlier record"
                            + " of the same hand-over was refused (" + refused + "); sent again, in order, with the retry"));
                }
            } else {
                try {
                    List<String> errors = send(records.subList(start, end));
                    for (int r = start; r < end; r++) {
                        String error = errors.get(r - start);
                        if (error != null) {
                            refused = refused != null ? refused : error;
                            fail(exchanges.get(owners.get(r)),
                                    new IllegalStateException(target() + ": record refused: " + error));
                        }
                    }
                } catch (Exception e) {
                    refused = e.getMessage();
                    for (int r = start; r < end; r++) {
                        fail(exchanges.get(owners.get(r)), e);
                    }
                }
            }
            answered = answerUpTo(exchanges, callbacks, last, end - 1, answered);
            start = end;
        }
        answerUpTo(exchanges, callbacks, last, Integer.MAX_VALUE, answered);
    }

    /** Answers, from {@code from} on, the exchanges whose last record is at or before {@code record}; answers the next to answer. */
    private static int answerUpTo(List<Exchange> exchanges, List<AsyncCallback> callbacks, int[] last, int record, int from) {
        int i = from;
        while (i < exchanges.size() && last[i] <= record) {
            callbacks.get(i).done(false);
            i++;
        }
        return i;
    }

    /** Fails the exchange with its first error. */
    private static void fail(Exchange exchange, Exception e) {
        if (exchange.getException() == null) {
            exchange.setException(e);
        }
    }
}
