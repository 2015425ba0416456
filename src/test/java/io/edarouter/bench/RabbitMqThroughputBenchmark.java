package io.edarouter.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import io.edarouter.bench.OrderEvents.OrderEvent;
import io.edarouter.store.EventStore;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.testsupport.RabbitMqTestBroker;
import io.edarouter.testsupport.RouterProcess;
import io.edarouter.testsupport.RouterRun;

/**
 * RabbitMQ's throughput, router against a hand-written loop, both on the machine's RabbitMQ with the same events
 * preloaded into a queue of their own and the same guarantee (acknowledge after the batch is stored and the
 * dispatched events confirmed by the broker). Selected from {@link ThroughputBenchmark} with
 * {@code -Dbench.brokers=rabbitmq}; the settings are the benchmark's ({@code events}, {@code streams},
 * {@code router-jvm}, {@code drain-timeout}, {@code seed}). The hand-written loop: {@code basicConsume} (prefetch 1000)
 * -> up to 500 deliveries or 10 ms -> Jackson -> one JDBC batch and transaction ({@link StoreShapeWriter}) -> publish
 * each {@code OrderCreated} to an exchange in confirm mode, wait for the confirms -> {@code basicAck(multiple)}.
 *
 * <p>Timed from the first batch stored to all stored, counting the events after the first batch; CPU is the process's
 * (the router's JVM; the loop's whole JVM) over the same interval, per 1,000 events. Writes
 * {@code target/rabbitmq-benchmark.md}.
 */
final class RabbitMqThroughputBenchmark {

    static final String BROKER = "rabbitmq";
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private RabbitMqThroughputBenchmark() {
    }

    /** Whether the benchmark's brokers setting asks for RabbitMQ. */
    static boolean selected(String[] args) {
        String brokers = System.getProperty("bench.brokers", "");
        for (String arg : args) {
            if (arg.startsWith("brokers=")) {
                brokers = arg.substring("brokers=".length());
            }
        }
        return Arrays.asList(brokers.split(",")).contains(BROKER);
    }

    record Result(String contender, long events, double seconds, double cpuMillisPerThousand) {
        double rate() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    static void run(String[] args) throws Exception {
        List<String> plain = new ArrayList<>(Arrays.asList(args));
        plain.removeIf(arg -> arg.startsWith("brokers="));
        plain.add("brokers=kafka");
        BenchSettings settings = BenchSettings.from(plain.toArray(String[]::new));
        RabbitMqTestBroker rabbit = RabbitMqTestBroker.shared().started();
        RouterRun run = RouterRun.onKafka().withRabbitMq(rabbit);
        run.kafka().started();
        run.postgres().started();
        List<byte[]> load = new ArrayList<>(settings.events());
        long dispatched = 0;
        OrderEvents events = new OrderEvents(settings.streams(), settings.seed());
        for (int i = 0; i < settings.events(); i++) {
            OrderEvent event = events.next("load", OrderEvents.nowMicros());
            load.add(event.json());
            dispatched += event.dispatched() ? 1 : 0;
        }
        String limitIn = "bench-limit-in-" + run.id();
        String limitOut = "bench-limit-out-" + run.id();
        rabbit.deleteAtEnd(limitIn, limitOut);
        ThroughputBenchmark.log("rabbitmq: preloading %,d events (%,d OrderCreated) into %s and %s", settings.events(),
                dispatched, run.input(), limitIn);
        rabbit.declareInput(run.input());
        rabbit.publish(run.input(), load, null);
        rabbit.declareInput(limitIn);
        rabbit.publish(limitIn, load, null);

        List<Result> results = new ArrayList<>();
        results.add(router(run, settings));
        results.add(handWritten(rabbit, limitIn, limitOut, settings));

        StringBuilder table = new StringBuilder("| broker | contender | events | seconds | events/s | CPU ms per 1,000 events |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        for (Result r : results) {
            table.append(String.format("| rabbitmq | %s | %,d | %.1f | %,.0f | %.0f |%n", r.contender(), r.events(),
                    r.seconds(), r.rate(), r.cpuMillisPerThousand()));
        }
        table.append(String.format("%nsettings: events=%d, streams=%d, router-jvm=%s, seed=%d; machine: %d cores,"
                + " load average %.1f%n", settings.events(), settings.streams(), settings.routerJvmOptions(), settings.seed(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Path file = Path.of(System.getProperty("basedir", "."), "target", "rabbitmq-benchmark.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table.toString(), StandardCharsets.UTF_8);
        System.out.println(table);
    }

    private static Result router(RouterRun run, BenchSettings settings) throws Exception {
        try (EventStore store = JdbcEventStore.open(run.jdbcUrl(), run.postgres().user(), run.postgres().password(), 2)) {
            ThroughputBenchmark.log("rabbitmq eda-router: starting (JVM options %s)", settings.routerJvmOptions());
            try (RouterProcess router = RouterProcess.start("bench-rabbitmq", run.keys(), settings.routerJvmOptions())) {
                long pid = router.pid();
                return timed("eda-router", store::headPosition, () -> cpuTicks(pid) * 1000 / CLOCK_TICKS_PER_SECOND,
                        settings);
            }
        }
    }

    private static Result handWritten(RabbitMqTestBroker rabbit, String in, String out, BenchSettings settings)
            throws Exception {
        BlockingQueue<Object[]> deliveries = new LinkedBlockingQueue<>();
        try (StoreShapeWriter writer = new StoreShapeWriter();
                Channel consume = rabbit.channel();
                Channel publish = rabbit.channel()) {
            publish.exchangeDeclare(out, BuiltinExchangeType.TOPIC, true);
            publish.queueDeclare(out, true, false, false, null);
            publish.queueBind(out, out, "#");
            publish.confirmSelect();
            consume.basicQos(1000);
            java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
            Thread loop = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        List<Object[]> batch = new ArrayList<>(500);
                        Object[] first = deliveries.poll(100, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
                        while (batch.size() < 500) {
                            Object[] next = deliveries.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                            if (next == null) {
                                break;
                            }
                            batch.add(next);
                        }
                        for (Object[] delivery : batch) {
                            byte[] body = (byte[]) delivery[1];
                            StoreShapeWriter.Parsed event = writer.add(body);
                            if (OrderEvents.CREATED.equals(event.eventType())) {
                                publish.basicPublish(out, event.stream(), MessageProperties.PERSISTENT_BASIC, body);
                            }
                        }
                        int count = writer.commit();
                        publish.waitForConfirmsOrDie(30_000);
                        consume.basicAck((Long) batch.get(batch.size() - 1)[0], true);
                        stored.addAndGet(count);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    ThroughputBenchmark.log("rabbitmq hand-written: failed: %s", e);
                }
            }, "bench-hand-written-rabbitmq");
            loop.start();
            consume.basicConsume(in, false, "bench-" + UUID.randomUUID(), new DefaultConsumer(consume) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    deliveries.add(new Object[] {envelope.getDeliveryTag(), body});
                }
            });
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try {
                return timed("hand-written", stored::get, () -> os.getProcessCpuTime() / 1_000_000, settings);
            } finally {
                loop.interrupt();
                loop.join(10_000);
            }
        }
    }

    /** Polls {@code stored} until every event is stored: rate and CPU from the first batch stored to the last. */
    private static Result timed(String contender, LongSupplier stored, LongSupplier cpuMillis, BenchSettings settings)
            throws InterruptedException {
        long total = settings.events();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainTimeout() + 60L);
        long first = -1;
        long firstAt = 0;
        long cpuAtFirst = 0;
        long now = 0;
        while (System.nanoTime() < deadline) {
            long head = stored.getAsLong();
            now = System.nanoTime();
            if (first < 0 && head > 0) {
                first = head;
                firstAt = now;
                cpuAtFirst = cpuMillis.getAsLong();
            }
            if (head >= total) {
                break;
            }
            Thread.sleep(20); // the polling period
        }
        long last = stored.getAsLong();
        long counted = first < 0 ? 0 : last - first;
        double seconds = first < 0 ? 0 : (now - firstAt) / 1e9;
        double cpu = counted <= 0 ? 0 : (cpuMillis.getAsLong() - cpuAtFirst) * 1000.0 / counted;
        ThroughputBenchmark.log("rabbitmq %s: %,d events in %.1f s = %,.0f events/s, %.0f CPU ms per 1,000 events%s",
                contender, counted, seconds, seconds <= 0 ? 0 : counted / seconds, cpu,
                last >= total ? "" : String.format(" (timed out: %,d of %,d stored)", last, total));
        return new Result(contender, counted, seconds, cpu);
    }

    /** utime + stime of a process, in clock ticks, from {@code /proc/<pid>/stat}. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
