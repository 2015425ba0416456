package io.edarouter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.testsupport.ElasticMqTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.SqsQueues;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static org.awaitility.Awaitility.await;

/**
 * The router against a hand-written AWS SDK loop on one SQS queue (ElasticMQ), each preloaded with the same events
 * ({@code -Dbench.events=5000}, 100 streams; {@code -Dbench.sqs.fifo=false} for a standard queue): the router's rate
 * from its first stored event to its last and its process's CPU per event, against a loop with the same guarantee
 * (receive 10 -> Jackson -> one JDBC batch and transaction ({@link StoreShapeWriter}) -> SendMessageBatch of the
 * {@code OrderCreated} events -> DeleteMessageBatch) and nothing else, its CPU the loop thread's. Run it on a plain
 * {@code java} with the test class path (ElasticMQ and the router start from {@code java.class.path}, which
 * {@code exec:java} does not set): {@code mvn -q package -DskipTests && mvn -q dependency:build-classpath
 * -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test && java -Dbasedir=$PWD -Dbench.events=3000
 * -cp $PWD/target/test-classes:$PWD/target/classes:$(cat target/test-classpath.txt) io.edarouter.bench.SqsBenchmark}.
 */
public final class SqsBenchmark {

    private static final int STREAMS = 100;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private SqsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 5_000);
        boolean fifo = Boolean.parseBoolean(System.getProperty("bench.sqs.fifo", "true"));
        ElasticMqTestBroker sqs = ElasticMqTestBroker.shared().started();
        List<String> bodies = new ArrayList<>(events);
        List<String> streams = new ArrayList<>(events);
        List<String> ids = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String id = UUID.randomUUID().toString();
            int s = i % STREAMS;
            streams.add("order-s" + s);
            ids.add(id);
            bodies.add("{\"eventId\":\"" + id + "\",\"eventType\":\"" + (i % 10 == 0 ? "OrderCreated" : "OrderPaid")
                    + "\",\"timestamp\":\"" + Instant.now() + "\",\"source\":\"bench\",\"subject\":\"order-s" + s
                    + "\",\"data\":{\"orderId\":\"s" + s + "\",\"seq\":" + i / STREAMS + ",\"amount\":1}}");
        }
        String suffix = fifo ? ".fifo" : "";
        String router = router(sqs, events, bodies, streams, ids, suffix);
        String loop = handWritten(sqs, events, bodies, streams, ids, suffix);
        System.out.println("| contender (SQS " + (fifo ? "FIFO" : "standard") + ", " + events + " events) | events/s | CPU ms per 1000 events |");
        System.out.println("| --- | --- | --- |");
        System.out.println(router);
        System.out.println(loop);
        System.exit(0);
    }

    private static String router(ElasticMqTestBroker sqs, int events, List<String> bodies, List<String> streams,
            List<String> ids, String suffix) throws Exception {
        RouterRun run = RouterRun.onKafka();
        String input = "bench-router-" + run.id() + suffix;
        try (SqsQueues queues = sqs.queues()) {
            for (String queue : List.of(input, run.inventory(), run.fraudReview(), run.deadLetter())) {
                queues.create(queue);
            }
            queues.sendAll(input, bodies, streams, ids);
        }
        Map<String, String> keys = run.with(sqs.routerKeys(input)).with("eda.ingest.sqs.visibility-timeout", "30").keys();
        try (RouterProcess process = RouterProcess.start("sqs-bench", keys);
                EventStore store = JdbcEventStore.open(run.jdbcUrl(), run.postgres().user(), run.postgres().password(), 2)) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> store.headPosition() > 0);
            long first = store.headPosition();
            long start = System.nanoTime();
            long cpuStart = cpuNanos(process.pid());
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> store.headPosition() >= events);
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = cpuNanos(process.pid()) - cpuStart;
            long counted = events - first;
            return "| router (aws2-sqs -> eda-batch -> event-pipeline) | " + Math.round(counted / seconds) + " | "
                    + Math.round(cpu / 1e6 / counted * 1000) + " |";
        }
    }

    private static String handWritten(ElasticMqTestBroker sqs, int events, List<String> bodies, List<String> streams,
            List<String> ids, String suffix) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String input = "bench-loop-" + id + suffix;
        String inventory = "bench-loop-inventory-" + id;
        try (SqsQueues queues = sqs.queues(); StoreShapeWriter writer = new StoreShapeWriter()) {
            queues.create(input);
            queues.create(inventory);
            queues.sendAll(input, bodies, streams, ids);
            String inputUrl = queues.url(input);
            String inventoryUrl = queues.url(inventory);
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long stored = 0;
            long start = -1;
            long cpuStart = 0;
            long first = 0;
            while (stored < events) {
                List<Message> messages = queues.client().receiveMessage(r -> r.queueUrl(inputUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                if (messages.isEmpty()) {
                    continue;
                }
                List<SendMessageBatchRequestEntry> created = new ArrayList<>();
                for (Message message : messages) {
                    StoreShapeWriter.Parsed parsed = writer.add(message.body().getBytes(StandardCharsets.UTF_8));
                    if (OrderEvents.CREATED.equals(parsed.eventType())) {
                        created.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(created.size()))
                                .messageBody(message.body()).build());
                    }
                }
                stored += writer.commit();
                if (!created.isEmpty()) {
                    queues.client().sendMessageBatch(r -> r.queueUrl(inventoryUrl).entries(created));
                }
                List<DeleteMessageBatchRequestEntry> delete = new ArrayList<>();
                for (int i = 0; i < messages.size(); i++) {
                    delete.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                            .receiptHandle(messages.get(i).receiptHandle()).build());
                }
                queues.client().deleteMessageBatch(r -> r.queueUrl(inputUrl).entries(delete));
                if (start < 0) {
                    start = System.nanoTime();
                    cpuStart = threads.getCurrentThreadCpuTime();
                    first = stored;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long counted = stored - first;
            return "| hand-written AWS SDK loop (receive 10 -> JDBC batch -> send -> delete) | " + Math.round(counted / seconds)
                    + " | " + Math.round(cpu / 1e6 / counted * 1000) + " |";
        }
    }

    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }
}
