package io.edarouter.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pulsar.client.api.BatchReceivePolicy;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Messages;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * The hand-written limit: one plain loop per broker with the same guarantee as the router (commit or acknowledge
 * only after the batch is stored and dispatched), and nothing else: no validation, enrichment, rules or dead
 * letters. Kafka: {@code poll} (500 records) -> Jackson -> one JDBC batch and transaction ({@link StoreShapeWriter})
 * -> asynchronous sends of {@code OrderCreated}, {@code flush} -> {@code commitSync}. Pulsar: {@code batchReceive}
 * (500 messages or 10 ms) -> the same -> {@code acknowledge(messages)}.
 *
 * <p>Timed as the router: from the first batch stored to all stored, counting the events after the first batch.
 */
final class HandWrittenContender {

    private HandWrittenContender() {
    }

    /** The loop's progress, shared with the thread that watches it. */
    static final class Progress {
        final AtomicLong stored = new AtomicLong();
        volatile long firstNanos = -1;
        volatile long firstBatch;
        volatile long lastNanos = -1;
        volatile boolean stop;
        final AtomicReference<Exception> failure = new AtomicReference<>();
        volatile CpuMeter meter;
        volatile CpuMeter.Sample firstCpu;
        volatile CpuMeter.Sample lastCpu;
        /** Events stored before the timed window opens (the warm-up). */
        volatile long warmUp;

        void stored(int events) {
            long now = System.nanoTime();
            long total = stored.addAndGet(events);
            CpuMeter.Sample cpu = meter == null ? null : meter.sample();
            if (firstNanos < 0 && total >= Math.max(1, warmUp)) {
                firstNanos = now;
                firstBatch = total;
                firstCpu = cpu;
            }
            if (firstNanos >= 0) {
                lastNanos = now;
                lastCpu = cpu;
            }
        }
    }

    static Row run(BenchBroker broker, BenchSettings settings, String run, String in, String out, OrderEvents events,
            long dispatchedInLoad, double latencyRate) throws Exception {
        long total = settings.events();
        Progress progress = new Progress();
        progress.warmUp = settings.warmUpEvents();
        DispatchWatcher watcher = new DispatchWatcher();
        try (StoreShapeWriter writer = new StoreShapeWriter();
                AutoCloseable reader = broker.readDispatch(out, watcher)) {
            progress.meter = CpuMeter.ofThisJvm(broker.pid(), writer.jdbcUrl());
            Thread loop = new Thread(() -> {
                try {
                    if (broker instanceof KafkaBench kafka) {
                        kafkaLoop(kafka, ThroughputBenchmark.group("limit", run), in, out, writer, progress);
                    } else {
                        pulsarLoop((PulsarBench) broker, ThroughputBenchmark.group("limit", run), in, out, writer, progress);
                    }
                } catch (Exception e) {
                    progress.failure.set(e);
                }
            }, "bench-hand-written-" + broker.name());
            ThroughputBenchmark.log("%s hand-written: draining %,d events (time-out %d s)", broker.name(), total,
                    settings.drainTimeout());
            long started = System.nanoTime();
            loop.start();
            long deadline = started + settings.drainTimeout() * 1_000_000_000L;
            while (progress.stored.get() < total && System.nanoTime() < deadline && loop.isAlive()) {
                Thread.sleep(20); // the polling period
            }
            long stored = progress.stored.get();
            String note;
            if (progress.failure.get() != null) {
                note = "failed: " + progress.failure.get();
            } else if (stored >= total) {
                long dispatchedAt = DispatchWatcher.await(watcher::loadArrived, dispatchedInLoad, 60_000);
                note = String.format("timed: first batch stored at or past the warm-up (%,d) to all %,d stored",
                        progress.firstBatch, total)
                        + (dispatchedAt < 0 ? String.format("; only %,d of %,d dispatched within 60 s",
                                watcher.loadArrived(), dispatchedInLoad) : "; all dispatched");
            } else {
                note = String.format("timed out after %d s: %,d of %,d stored", settings.drainTimeout(), stored, total);
            }
            long counted = progress.firstNanos < 0 ? 0 : Math.max(0, stored - progress.firstBatch);
            double seconds = progress.firstNanos < 0 ? 0 : (progress.lastNanos - progress.firstNanos) / 1e9;
            Row row = new Row(broker.name(), "hand-written", counted, seconds, null, null, null, note)
                    .withCpu(CpuMeter.perEvent(progress.firstCpu, progress.lastCpu, counted));
            ThroughputBenchmark.log("%s hand-written: %,d events in %.1f s = %,.0f events/s (%s)", broker.name(),
                    row.events(), row.seconds(), row.rate(), note);
            Row.Latency latency = null;
            if (settings.limitLatencySeconds() > 0 && latencyRate > 0 && loop.isAlive() && stored >= total) {
                latency = RouterContender.latencyPhase(broker, in, events, watcher, latencyRate,
                        settings.limitLatencySeconds());
            }
            progress.stop = true;
            loop.join(30_000);
            return new Row(row.broker(), row.contender(), row.events(), row.seconds(), latency, null, null, row.note(),
                    row.cpu());
        }
    }

    static void kafkaLoop(KafkaBench broker, String group, String in, String out, StoreShapeWriter writer,
            Progress progress) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        KafkaBench.producerConfig(broker.bootstrapServers(), false))) {
            consumer.subscribe(List.of(in));
            while (!progress.stop) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    StoreShapeWriter.Parsed event = writer.add(record.value());
                    if (OrderEvents.CREATED.equals(event.eventType())) {
                        producer.send(new ProducerRecord<>(out, event.stream(), record.value()));
                    }
                }
                int stored = writer.commit();
                producer.flush();
                consumer.commitSync();
                progress.stored(stored);
            }
        }
    }

    static void pulsarLoop(PulsarBench broker, String subscription, String in, String out, StoreShapeWriter writer,
            Progress progress) throws Exception {
        try (Consumer<byte[]> consumer = broker.client().newConsumer().topic(broker.topic(in))
                .subscriptionName(subscription).subscriptionType(SubscriptionType.Exclusive)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .receiverQueueSize(1000)
                .batchReceivePolicy(BatchReceivePolicy.builder().maxNumMessages(500).timeout(10, TimeUnit.MILLISECONDS).build())
                .subscribe();
                Producer<byte[]> producer = broker.client().newProducer().topic(broker.topic(out))
                        .enableBatching(true).batchingMaxPublishDelay(1, TimeUnit.MILLISECONDS).blockIfQueueFull(true)
                        .create()) {
            while (!progress.stop) {
                Messages<byte[]> messages = consumer.batchReceive();
                if (messages.size() == 0) {
                    continue;
                }
                for (Message<byte[]> message : messages) {
                    StoreShapeWriter.Parsed event = writer.add(message.getValue());
                    if (OrderEvents.CREATED.equals(event.eventType())) {
                        producer.newMessage().key(event.stream()).value(message.getValue()).sendAsync();
                    }
                }
                int stored = writer.commit();
                producer.flush();
                consumer.acknowledge(messages);
                progress.stored(stored);
            }
        }
    }
}
