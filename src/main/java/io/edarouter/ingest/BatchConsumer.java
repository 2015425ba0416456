package io.edarouter.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the queued exchanges on one thread, in arrival order, as batches: a batch starts with the first exchange
 * that arrives and goes on with up to {@code size} exchanges, or with what arrived within {@code interval} ms of
 * the first. The batch is one exchange whose body is the {@code List<Exchange>}; the next batch waits until it
 * has been processed, so batches never overtake each other (a stream's events stay in order).
 *
 * <p>What is still queued when the consumer stops is dropped and logged: the hand-over keeps nothing, the source
 * delivers again what was never acknowledged.
 */
public class BatchConsumer extends DefaultConsumer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private final BatchEndpoint endpoint;
    private final BatchConfiguration configuration;
    private final BlockingQueue<Exchange> queue;
    private ExecutorService thread;

    public BatchConsumer(BatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        int capacity = configuration.getQueueSize() > 0 ? configuration.getQueueSize() : 2 * configuration.getSize();
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    boolean offer(Exchange exchange, long waitMillis) throws InterruptedException {
        return queue.offer(exchange, waitMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.getComponent().register(configuration.getName(), this);
        thread = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "eda-batch-" + configuration.getName());
        thread.execute(this);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().unregister(configuration.getName(), this);
        if (thread != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(thread);
            thread = null;
        }
        int dropped = queue.size();
        queue.clear();
        if (dropped > 0) {
            LOG.info("eda-batch:{} stopped with {} exchanges queued; their source delivers them again", configuration.getName(),
                    dropped);
        }
        super.doStop();
    }

    @Override
    public void run() {
        while (isRunAllowed()) {
            try {
                List<Exchange> batch = nextBatch();
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Exchange> nextBatch() throws InterruptedException {
        List<Exchange> batch = new ArrayList<>(configuration.getSize());
        Exchange first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(configuration.getInterval());
        while (batch.size() < configuration.getSize()) {
            queue.drainTo(batch, configuration.getSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= configuration.getSize() || left <= 0) {
                break;
            }
            Exchange next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void process(List<Exchange> records) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(records);
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("eda-batch:" + configuration.getName() + ": a batch of " + records.size()
                    + " failed", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
