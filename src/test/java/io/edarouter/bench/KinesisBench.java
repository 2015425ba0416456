package io.edarouter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.testsupport.KinesaliteTestServer;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import static org.awaitility.Awaitility.await;

/**
 * The Kinesis contender of the throughput benchmark ({@code -Dbench.brokers=kinesis}), on kinesalite and the test
 * PostgreSQL: {@code bench.events} events (default 10,000) over 4 shards are preloaded, then read by the router
 * (timed from the first event stored to the last; CPU of its process) and by a hand-written {@link KinesisClient}
 * loop with the same guarantee (GetRecords of 500 -> one JDBC batch and transaction ({@link StoreShapeWriter}) ->
 * PutRecords of the {@code OrderCreated} -> checkpoint; CPU of its thread). kinesalite, a Node.js emulator on the same
 * machine, is the bottleneck of both: the figures compare the two, they say nothing of AWS's Kinesis.
 */
final class KinesisBench {

    private static final int SHARDS = 4;
    private static final int STREAMS = 1000;

    private KinesisBench() {
    }

    static void run(int events) throws Exception {
        KinesaliteTestServer kinesis = KinesaliteTestServer.shared().started();
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        int[] next = new int[STREAMS];
        for (int i = 0; i < events; i++) {
            int s = i % STREAMS;
            keys.add("order-" + s);
            values.add(("{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventType\":\""
                    + (i % 3 == 0 ? OrderEvents.CREATED : OrderEvents.PAID) + "\",\"timestamp\":\"" + Instant.now()
                    + "\",\"source\":\"bench\",\"subject\":\"order-" + s + "\",\"data\":{\"orderId\":\"" + s
                    + "\",\"seq\":" + next[s]++ + ",\"amount\":10}}").getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf("KINESIS BENCH %d events, %d shards, kinesalite %s%n", events, SHARDS, KinesaliteTestServer.VERSION);
        router(kinesis, keys, values);
        handWritten(kinesis, keys, values);
    }

    private static void router(KinesaliteTestServer kinesis, List<String> keys, List<byte[]> values) throws Exception {
        RouterRun run = RouterRun.onKafka();
        kinesis.createStream(run.input(), SHARDS);
        kinesis.createStream(run.inventory(), SHARDS);
        kinesis.createStream(run.fraudReview(), 1);
        kinesis.createStream(run.deadLetter(), 1);
        kinesis.putAll(run.input(), keys, values);
        try (EventStore store = JdbcEventStore.open(run.jdbcUrl(), run.postgres().user(), run.postgres().password(), 2);
                RouterProcess router = RouterProcess.start("kinesis-bench", run.with(kinesis.routerKeys(run.input()))
                        .with(Map.of("eda.ingest.kinesis.lease-ms", "10000")).keys(),
                        List.of("-Xmx512m"))) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> store.headPosition() > 0);
            long first = store.headPosition();
            long start = System.nanoTime();
            long cpuStart = cpuNanos(router.pid());
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> store.headPosition() >= values.size());
            report("router", values.size() - first, System.nanoTime() - start, cpuNanos(router.pid()) - cpuStart);
        }
    }

    private static void handWritten(KinesaliteTestServer kinesis, List<String> keys, List<byte[]> values) throws Exception {
        String in = "bench-in-" + UUID.randomUUID().toString().substring(0, 8);
        String out = "bench-out-" + UUID.randomUUID().toString().substring(0, 8);
        kinesis.createStream(in, SHARDS);
        kinesis.createStream(out, SHARDS);
        kinesis.putAll(in, keys, values);
        KinesisClient client = kinesis.client();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (StoreShapeWriter writer = new StoreShapeWriter()) {
            List<String> iterators = new ArrayList<>();
            for (Shard shard : client.listShards(r -> r.streamName(in)).shards()) {
                iterators.add(client.getShardIterator(r -> r.streamName(in).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
            long stored = 0;
            long start = -1;
            long cpuStart = 0;
            long firstBatch = 0;
            while (stored < values.size()) {
                for (int i = 0; i < iterators.size(); i++) {
                    String iterator = iterators.get(i);
                    GetRecordsResponse page = client.getRecords(r -> r.shardIterator(iterator).limit(500));
                    List<PutRecordsRequestEntry> dispatch = new ArrayList<>();
                    for (Record record : page.records()) {
                        StoreShapeWriter.Parsed parsed = writer.add(record.data().asByteArray());
                        if (OrderEvents.CREATED.equals(parsed.eventType())) {
                            dispatch.add(PutRecordsRequestEntry.builder().partitionKey(parsed.stream()).data(record.data()).build());
                        }
                    }
                    int count = writer.commit();
                    if (!dispatch.isEmpty()) {
                        client.putRecords(r -> r.streamName(out).records(dispatch));
                    }
                    // the checkpoint: the last sequence number, kept here in memory (the router writes it to the store)
                    iterators.set(i, page.nextShardIterator());
                    stored += count;
                    if (start < 0 && count > 0) {
                        start = System.nanoTime();
                        cpuStart = threads.getCurrentThreadCpuTime();
                        firstBatch = count;
                    }
                }
            }
            report("hand-written KinesisClient loop", stored - firstBatch, System.nanoTime() - start,
                    threads.getCurrentThreadCpuTime() - cpuStart);
        }
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }

    private static void report(String contender, long events, long nanos, long cpuNanos) {
        System.out.printf("KINESIS BENCH | %s | %.0f events/s | %.1f µs CPU/event | %d events in %.1f s |%n", contender,
                events / (nanos / 1e9), cpuNanos / 1e3 / Math.max(1, events), events, nanos / 1e9);
    }
}
