package io.edarouter.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.edarouter.broker.KinesisReceipt;
import io.edarouter.store.ShardLeases;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Consumes a Kinesis stream the way the Kinesis Client Library does, with its lease table in the event store's
 * database ({@link ShardLeases}): this instance reads the shards it holds leases for, one thread, one batch of one
 * shard at a time, in shard order; a heartbeat renews the leases; every {@code leaseMillis / 5} the
 * {@link ShardBalancer} shares the shards with the other instances. Each batch's checkpoint is saved only once the
 * pipeline stored and dispatched it ({@link io.edarouter.broker.InputAcknowledgement}), so a crash re-reads at most
 * the batches in flight, whose events the store keeps once.
 *
 * <p>Why not camel-aws2-kinesis' consumer: it moves its shard iterator on as soon as a poll returned, whatever became
 * of the exchange, and keeps its position in memory (its resume strategies are in memory too, and its KCL mode needs
 * DynamoDB and CloudWatch), so a crash or a failed batch would lose or skip records, and it has no way to share the
 * shards between router instances without them.
 */
final class KinesisConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisConsumer.class);

    private final KinesisConfiguration configuration;
    private final String owner = UUID.randomUUID().toString();
    private final Map<String, ShardReader> held = new ConcurrentHashMap<>();
    private ShardLeases leases;
    private ShardBalancer balancer;
    private ExecutorService reader;
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    KinesisConsumer(KinesisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    public KinesisEndpoint getEndpoint() {
        return (KinesisEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        leases = getEndpoint().getCamelContext().getComponent("eventstore", EventStoreComponent.class).getEventStore()
                .shardLeases();
        balancer = new ShardBalancer(configuration.getStream(), owner, leases, configuration.getLeaseMillis());
        running = true;
        String name = "eda-kinesis-" + configuration.getStream();
        heartbeat = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, name + "-leases");
        long renewEvery = configuration.getLeaseMillis() / 5;
        heartbeat.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        reader = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, name);
        reader.submit(this::run);
        LOG.info("Kinesis consumer of stream {} started as instance {}", configuration.getStream(), owner);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (reader != null) {
            // the batch in flight finishes (and checkpoints) before the leases go
            reader.shutdown();
            if (!reader.awaitTermination(30, TimeUnit.SECONDS)) {
                reader.shutdownNow();
            }
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(reader);
        }
        if (heartbeat != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(heartbeat);
        }
        for (ShardReader shard : held.values()) {
            try {
                shard.release();
            } catch (RuntimeException e) {
                LOG.warn("Kinesis stream {}: could not release the lease of shard {} (it expires by itself): {}",
                        configuration.getStream(), shard.shardId(), e.getMessage());
            }
        }
        held.clear();
        LOG.info("Kinesis consumer of stream {} stopped", configuration.getStream());
        super.doStop();
    }

    private void run() {
        KinesisClient client = getEndpoint().getComponent().client();
        long nextBalance = 0;
        while (running) {
            try {
                if (System.currentTimeMillis() >= nextBalance) {
                    balance(client);
                    nextBalance = System.currentTimeMillis() + configuration.getLeaseMillis() / 5;
                }
                int read = 0;
                for (ShardReader shard : new ArrayList<>(held.values())) {
                    if (!running) {
                        break;
                    }
                    if (shard.isLost()) {
                        held.remove(shard.shardId());
                        LOG.info("Kinesis stream {}: shard {} lost to another instance", configuration.getStream(), shard.shardId());
                        continue;
                    }
                    read += shard.readOnce(client, configuration.getBatchSize(), this::process);
                }
                if (read == 0) {
                    Thread.sleep(configuration.getPollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Kinesis or the store unreachable: every shard reads again from its checkpoint after a pause
                getExceptionHandler().handleException("Kinesis stream " + configuration.getStream()
                        + ": reading failed, again from the checkpoints", e);
                held.values().forEach(ShardReader::resetPosition);
                pause();
            }
        }
    }

    private void balance(KinesisClient client) {
        List<String> open = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = client.listShards(request -> {
                if (next == null) {
                    request.streamName(configuration.getStream());
                } else {
                    request.nextToken(next);
                }
            });
            page.shards().stream().map(Shard::shardId).forEach(open::add);
            token = page.nextToken();
        } while (token != null);
        // a shard read to its end (resharding) is done with; its children are among the open ones
        held.values().removeIf(ShardReader::isClosed);
        ShardBalancer.Moves moves = balancer.balance(open, held.keySet());
        for (String shardId : moves.given()) {
            held.remove(shardId);
            LOG.info("Kinesis stream {}: shard {} handed over to another instance", configuration.getStream(), shardId);
        }
        for (String shardId : moves.taken()) {
            held.put(shardId, new ShardReader(configuration.getStream(), shardId, owner, leases,
                    configuration.getLeaseMillis()));
            LOG.info("Kinesis stream {}: reading shard {} from its checkpoint", configuration.getStream(), shardId);
        }
    }

    /** One batch through the pipeline, on this thread: its receipt is told the outcome before this returns. */
    private void process(List<Record> records, KinesisReceipt receipt, ShardReader shard) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            List<Exchange> batch = new ArrayList<>(records.size());
            for (Record record : records) {
                Exchange one = createExchange(false);
                shard.describe(one.getMessage(), record, receipt);
                batch.add(one);
            }
            exchange.getMessage().setBody(batch);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Kinesis stream " + configuration.getStream() + " shard "
                        + shard.shardId() + ": batch failed, read again from the checkpoint", exchange, exchange.getException());
                pause();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void renewLeases() {
        for (ShardReader shard : held.values()) {
            try {
                shard.renew();
            } catch (RuntimeException e) {
                // the store is unreachable: the next checkpoint save tells whether the lease held
                LOG.debug("Kinesis stream {}: could not renew the lease of shard {}: {}", configuration.getStream(),
                        shard.shardId(), e.getMessage());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.max(1000, configuration.getPollInterval()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
