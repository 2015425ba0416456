package io.edarouter.ingest;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Queues a copy of the exchange (of each exchange of a batch) for the consumer of the same name and completes the
 * exchange; waits while the queue is full, so a fast source slows to the pace of the pipeline. The exchange fails when no consumer runs
 * (within {@code timeout}) or it stops while the exchange waits: the source then keeps the message unacknowledged.
 */
public class BatchProducer extends DefaultProducer {

    static final long WAIT_STEP_MILLIS = 100;

    public BatchProducer(BatchEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public BatchEndpoint getEndpoint() {
        return (BatchEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        // the sender's route goes on with its exchange
        for (Exchange copy : handedOver(exchange, true)) {
            handOver(exchange, copy);
        }
    }

    /**
     * What goes into the queue for {@code exchange}: each exchange of a batch body (a {@code List<Exchange>}, such as a
     * Kafka batch; an empty one hands nothing over), else the exchange; copies when {@code copy}.
     */
    static List<Exchange> handedOver(Exchange exchange, boolean copy) {
        if (exchange.getMessage().getBody() instanceof List<?> list && list.stream().allMatch(Exchange.class::isInstance)) {
            return list.stream().map(item -> copy ? ((Exchange) item).copy() : (Exchange) item).toList();
        }
        return List.of(copy ? exchange.copy() : exchange);
    }

    private void handOver(Exchange exchange, Exchange copy) throws Exception {
        BatchEndpoint endpoint = getEndpoint();
        BatchConfiguration configuration = endpoint.getConfiguration();
        long noConsumerSince = System.nanoTime();
        while (true) {
            BatchConsumer consumer = endpoint.getComponent().consumer(configuration.getName());
            if (consumer != null && consumer.isRunAllowed()) {
                if (consumer.offer(copy, WAIT_STEP_MILLIS)) {
                    return;
                }
                noConsumerSince = System.nanoTime();
                if (!exchange.getContext().isStopping()) {
                    continue;
                }
            }
            // a consumer going away or a context stopping will not take it: fail now, so shutdown is not held up
            if (consumer != null || !isRunAllowed() || exchange.getContext().isStopping()
                    || exchange.getContext().isStopped()) {
                throw new IllegalStateException("eda-batch:" + configuration.getName() + " stopped before taking the exchange");
            }
            if (System.nanoTime() - noConsumerSince > TimeUnit.MILLISECONDS.toNanos(configuration.getTimeout())) {
                throw new IllegalStateException("eda-batch:" + configuration.getName() + " has no running consumer (waited "
                        + configuration.getTimeout() + " ms)");
            }
            Thread.sleep(WAIT_STEP_MILLIS);
        }
    }
}
