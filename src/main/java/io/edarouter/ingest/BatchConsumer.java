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
 * <p>With {@code lanes} above 1 there are that many such threads, each with its own queue: an exchange goes to the
 * lane its {@code laneHeader} value hashes to, so exchanges with the same value (a Pulsar key, hence a stream) keep
 * their order, while one lane waits on the store or the brokers and another prepares or sends its batch.
 *
 * <p>What is still queued when the consumer stops is dropped and logged: the hand-over keeps nothing, the source
 * delivers again what was never acknowledged.
 */
public class BatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);
    private static final long IDLE_POLL_MILLIS = 100;

    private final BatchEndpoint endpoint;
    private final BatchConfiguration configuration;
    private final List<BlockingQueue<Exchange>> lanes;
    private ExecutorService threads;

    public BatchConsumer(BatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        int capacity = configuration.getQueueSize() > 0 ? configuration.getQueueSize() : 2 * configuration.getSize();
        List<BlockingQueue<Exchange>> queues = new ArrayList<>(configuration.getLanes());
        for (int i = 0; i < configuration.getLanes(); i++) {
            queues.add(new ArrayBlockingQueue<>(capacity));
        }
        this.lanes = List.copyOf(queues);
    }

    boolean offer(Exchange exchange, long waitMillis) throws InterruptedException {
        return lanes.get(laneOf(exchange)).offer(exchange, waitMillis, TimeUnit.MILLISECONDS);
    }

    private int laneOf(Exchange exchange) {
        if (lanes.size() == 1 || configuration.getLaneHeader() == null) {
            return 0;
        }
        String value = exchange.getMessage().getHeader(configuration.getLaneHeader(), String.class);
        return value == null ? 0 : Math.floorMod(value.hashCode(), lanes.size());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.getComponent().register(configuration.getName(), this);
        threads = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "eda-batch-" + configuration.getName(), lanes.size());
        lanes.forEach(queue -> threads.execute(() -> run(queue)));
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().unregister(configuration.getName(), this);
        if (threads != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(threads);
            threads = null;
        }
        int dropped = 0;
        for (BlockingQueue<Exchange> queue : lanes) {
            dropped += queue.size();
            queue.clear();
        }
        if (dropped > 0) {
            LOG.info("eda-batch:{} stopped with {} exchanges queued; their source delivers them again", configuration.getName(),
                    dropped);
        }
        super.doStop();
    }

    private void run(BlockingQueue<Exchange> queue) {
        while (isRunAllowed()) {
            try {
                List<Exchange> batch = nextBatch(queue);
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Exchange> nextBatch(BlockingQueue<Exchange> queue) throws InterruptedException {
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
