package io.edarouter.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the queued exchanges on one thread, in arrival order, as batches: a batch starts with the first exchange
 * that arrives and goes on with up to {@code size} exchanges, or with what arrived within {@code interval} ms of
 * the first (so an exchange that waited that long while the previous batch was processed goes on at once). The
 * batch is one exchange whose body is the {@code List<Exchange>}; the next batch waits until it has been
 * processed (with {@code overlap}, until it has been handed to the store thread, below), so batches never overtake
 * each other (a stream's events stay in order).
 *
 * <p>With {@code lanes} above 1 there are that many such threads, each with its own queue: an exchange goes to the
 * lane its {@code laneHeader} value hashes to, so exchanges with the same value (a Pulsar key, hence a stream) keep
 * their order, while one lane waits on the store or the brokers and another prepares or sends its batch.
 *
 * <p>With {@code overlap} (the default), each lane also has a store thread: {@link IngestAppend} hands the batch to
 * it (the exchange's {@link #STORE_STAGE}), and the append, the steps after it and the acknowledgements at the
 * exchange's end run there, while the lane's thread takes the next batch and decodes, validates and enriches it. The
 * store thread takes its batches one at a time in the order the lane made them, and a lane has at most two batches
 * under way (one there, one being prepared), so batches are still appended, dispatched and acknowledged in order.
 *
 * <p>With {@code source}, the consumer reads that endpoint itself and queues each of its exchanges as it arrives,
 * on the source's thread (which waits while the queue is full): the same hand-over as a route from the source to
 * {@code eda-batch:}, without the route's work for every message.
 *
 * <p>What is still queued when the consumer stops is dropped and logged: the hand-over keeps nothing, the source
 * delivers again what was never acknowledged.
 */
public class BatchConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);
    private static final long IDLE_POLL_MILLIS = 100;
    /**
     * Exchange property: the {@link Executor} on which {@link IngestAppend} continues the batch, the lane's store
     * thread; absent without {@code overlap}.
     */
    static final String STORE_STAGE = "EdaBatchStoreStage";

    private final BatchEndpoint endpoint;
    private final BatchConfiguration configuration;
    private final List<BlockingQueue<Queued>> lanes;
    private final List<ExecutorService> storeThreads = new ArrayList<>();
    private final LongAdder notTaken = new LongAdder();
    private ExecutorService threads;
    private Consumer source;
    private boolean pooledExchanges;

    public BatchConsumer(BatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        int capacity = configuration.getQueueSize() > 0 ? configuration.getQueueSize() : 2 * configuration.getSize();
        List<BlockingQueue<Queued>> queues = new ArrayList<>(configuration.getLanes());
        for (int i = 0; i < configuration.getLanes(); i++) {
            queues.add(new ArrayBlockingQueue<>(capacity));
        }
        this.lanes = List.copyOf(queues);
    }

    boolean offer(Exchange exchange, long waitMillis) throws InterruptedException {
        return lanes.get(laneOf(exchange)).offer(new Queued(exchange, System.nanoTime()), waitMillis, TimeUnit.MILLISECONDS);
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
        pooledExchanges = getEndpoint().getCamelContext().getCamelContextExtension().getExchangeFactory().isPooled();
        if (configuration.getSource() != null) {
            // before anything else starts: a source endpoint that cannot be made fails the start with nothing to undo
            Endpoint from = getEndpoint().getCamelContext().getEndpoint(configuration.getSource());
            // a route would have started it (a Pulsar endpoint makes its client then)
            ServiceHelper.startService(from);
            source = from.createConsumer(this::receive);
            if (source instanceof DefaultConsumer consumer) {
                consumer.setExceptionHandler(new QuietWhenStopping(consumer.getExceptionHandler()));
            }
        }
        endpoint.getComponent().register(configuration.getName(), this);
        threads = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "eda-batch-" + configuration.getName(), lanes.size());
        for (BlockingQueue<Queued> queue : lanes) {
            ExecutorService store = null;
            if (configuration.isOverlap()) {
                store = getEndpoint().getCamelContext().getExecutorServiceManager()
                        .newSingleThreadExecutor(this, "eda-batch-" + configuration.getName() + "-store");
                storeThreads.add(store);
            }
            Executor stage = store;
            threads.execute(() -> run(queue, stage));
        }
        ServiceHelper.startService(source);
    }

    /**
     * The source's processor: queues its exchange, or each exchange of its batch (a camel-kafka batch); copies when
     * the context pools exchanges (the source then reuses its exchanges once this returns).
     */
    private void receive(Exchange exchange) throws InterruptedException {
        for (Exchange one : BatchProducer.handedOver(exchange, pooledExchanges)) {
            boolean queued = false;
            while (!queued && isRunAllowed()) {
                queued = offer(one, BatchProducer.WAIT_STEP_MILLIS);
            }
            if (!queued) {
                throw new NotTaken(configuration.getName());
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().unregister(configuration.getName(), this);
        if (threads != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(threads);
            threads = null;
        }
        // the batches the lanes handed over are stored, dispatched and acknowledged before the source stops
        storeThreads.forEach(getEndpoint().getCamelContext().getExecutorServiceManager()::shutdownGraceful);
        storeThreads.clear();
        // after the last batch (its acknowledgements go through the source's still open connection)
        ServiceHelper.stopAndShutdownService(source);
        source = null;
        long dropped = notTaken.sumThenReset();
        for (BlockingQueue<Queued> queue : lanes) {
            dropped += queue.size();
            queue.clear();
        }
        if (dropped > 0) {
            LOG.info("eda-batch:{} stopped with {} exchanges queued or arriving; their source delivers them again",
                    configuration.getName(), dropped);
        }
        super.doStop();
    }

    private void run(BlockingQueue<Queued> queue, Executor stage) {
        // one batch on the store thread and the next being prepared; without a store thread, one at a time
        int mostUnderWay = stage == null ? 1 : 2;
        Semaphore underWay = new Semaphore(mostUnderWay);
        try {
            while (isRunAllowed()) {
                List<Exchange> batch = nextBatch(queue);
                if (!batch.isEmpty()) {
                    underWay.acquire();
                    process(batch, stage, underWay::release);
                }
            }
            // the lane stops once the store thread has finished what the lane handed it
            underWay.acquire(mostUnderWay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Exchange> nextBatch(BlockingQueue<Queued> queue) throws InterruptedException {
        List<Exchange> batch = new ArrayList<>(configuration.getSize());
        Queued first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first.exchange());
        // from the first one's arrival, not from now: what queued up while the previous batch was processed has
        // waited its interval already and goes on at once
        long deadline = first.arrivedNanos() + TimeUnit.MILLISECONDS.toNanos(configuration.getInterval());
        while (batch.size() < configuration.getSize()) {
            for (Queued queued = queue.poll(); queued != null; queued = queue.poll()) {
                batch.add(queued.exchange());
                if (batch.size() >= configuration.getSize()) {
                    break;
                }
            }
            long left = deadline - System.nanoTime();
            if (batch.size() >= configuration.getSize() || left <= 0) {
                break;
            }
            Queued next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next.exchange());
        }
        return batch;
    }

    /** Routes the batch; {@code done} runs when its exchange is done, on the store thread when it went there. */
    private void process(List<Exchange> records, Executor stage, Runnable done) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(records);
        if (stage != null) {
            exchange.setProperty(STORE_STAGE, stage);
        }
        try {
            getAsyncProcessor().process(exchange, doneSync -> finished(exchange, records.size(), done));
        } catch (RuntimeException e) {
            exchange.setException(e);
            finished(exchange, records.size(), done);
        }
    }

    private void finished(Exchange exchange, int records, Runnable done) {
        try {
            if (exchange.getException() instanceof IngestAppend.ReadAgain readAgain) {
                LOG.debug("eda-batch:{}: a batch of {} not stored: {}", configuration.getName(), records, readAgain.getMessage());
            } else if (exchange.getException() != null) {
                getExceptionHandler().handleException("eda-batch:" + configuration.getName() + ": a batch of " + records
                        + " failed", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        } finally {
            done.run();
        }
    }

    /** An exchange in a lane's queue, with when it arrived ({@link System#nanoTime()}). */
    private record Queued(Exchange exchange, long arrivedNanos) {
    }

    /** A source's exchange that arrived while the consumer stopped: failed, so its source does not acknowledge it. */
    private static final class NotTaken extends IllegalStateException {
        NotTaken(String name) {
            super("eda-batch:" + name + " stopped before taking the exchange");
        }
    }

    /** The source's exception handler, without a line for each message that arrived while the consumer stopped. */
    private final class QuietWhenStopping implements ExceptionHandler {
        private final ExceptionHandler delegate;

        QuietWhenStopping(ExceptionHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handleException(Throwable exception) {
            if (!quiet(exception)) {
                delegate.handleException(exception);
            }
        }

        @Override
        public void handleException(String message, Throwable exception) {
            if (!quiet(exception)) {
                delegate.handleException(message, exception);
            }
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            if (!quiet(exception)) {
                delegate.handleException(message, exchange, exception);
            }
        }

        private boolean quiet(Throwable exception) {
            if (exception instanceof NotTaken) {
                notTaken.increment();
                return true;
            }
            return false;
        }
    }
}
