package io.edarouter.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.edarouter.bench.OrderEvents.OrderEvent;
import io.edarouter.testsupport.PulsarTestBroker;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/** Pulsar standalone of the tests (its own process) as the benchmark uses it. */
final class PulsarBench implements BenchBroker, AutoCloseable {

    static final String PREFIX = "persistent://public/default/";

    private final PulsarTestBroker broker;
    private final KafkaBench kafka;
    private final PulsarClient client;

    /** Pulsar, and Kafka for the router's Kafka input route, which always runs. */
    PulsarBench(KafkaBench kafka) throws PulsarClientException {
        this.broker = PulsarTestBroker.shared().started();
        this.kafka = kafka;
        this.client = PulsarClient.builder().serviceUrl(broker.serviceUrl()).build();
    }

    @Override
    public String name() {
        return "pulsar";
    }

    String serviceUrl() {
        return broker.serviceUrl();
    }

    PulsarClient client() {
        return client;
    }

    @Override
    public String topic(String shortName) {
        return PREFIX + shortName;
    }

    @Override
    public void createTopic(String shortName) {
        // standalone creates topics on first use
    }

    @Override
    public void createInput(String shortName, String group) {
        try {
            client.newConsumer().topic(topic(shortName)).subscriptionName(group)
                    .subscriptionType(SubscriptionType.Exclusive)
                    .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                    .subscribe().close();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot subscribe " + group + " to " + shortName, e);
        }
    }

    /** Unbatched (one entry per message, so a Key_Shared consumer gets each key's messages on their own). */
    @Override
    public Sender sender(boolean immediate) {
        Map<String, Producer<byte[]>> producers = new ConcurrentHashMap<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        return new Sender() {
            @Override
            public void send(String shortName, OrderEvent event) {
                producers.computeIfAbsent(shortName, this::create).newMessage().key(event.stream()).value(event.json())
                        .sendAsync().exceptionally(e -> {
                            failure.compareAndSet(null, e);
                            return null;
                        });
            }

            @Override
            public void prepare(String shortName) {
                producers.computeIfAbsent(shortName, this::create);
            }

            private Producer<byte[]> create(String shortName) {
                try {
                    return client.newProducer().topic(topic(shortName)).enableBatching(false).blockIfQueueFull(true)
                            .maxPendingMessages(2_000).sendTimeout(0, TimeUnit.SECONDS).create();
                } catch (PulsarClientException e) {
                    throw new IllegalStateException("cannot create a producer on " + shortName, e);
                }
            }

            @Override
            public void flush() {
                producers.values().forEach(producer -> {
                    try {
                        producer.flush();
                    } catch (PulsarClientException e) {
                        throw new IllegalStateException("flush failed", e);
                    }
                });
                if (failure.get() != null) {
                    throw new IllegalStateException("a send to Pulsar failed", failure.get());
                }
            }

            @Override
            public void close() {
                producers.values().forEach(producer -> producer.closeAsync().join());
            }
        };
    }

    @Override
    public AutoCloseable readDispatch(String shortName, DispatchWatcher watcher) {
        Reader<byte[]> reader;
        try {
            reader = client.newReader().topic(topic(shortName)).startMessageId(MessageId.earliest)
                    .receiverQueueSize(1000).create();
        } catch (PulsarClientException e) {
            throw new IllegalStateException("cannot read " + shortName, e);
        }
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Message<byte[]> message = reader.readNext(100, TimeUnit.MILLISECONDS);
                    if (message != null) {
                        watcher.arrived(message.getValue(), OrderEvents.nowMicros());
                    }
                }
            } catch (PulsarClientException e) {
                // closed
            }
        }, "bench-reader-" + shortName);
        thread.setDaemon(true);
        thread.start();
        return () -> {
            thread.interrupt();
            thread.join(10_000);
            reader.close();
        };
    }

    @Override
    public void skipBacklog(String shortName, String group) throws Exception {
        String path = "/admin/v2/persistent/public/default/" + shortName + "/subscription/"
                + URLEncoder.encode(group, StandardCharsets.UTF_8) + "/skip_all";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(broker.adminUrl() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("skip_all answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public Map<String, String> routerKeys(String inputTopic, String group, String dispatchTopic, String run) {
        Map<String, String> keys = kafka.routerKeys(inputTopic, group, dispatchTopic, run);
        keys.put("eda.pulsar.enabled", "true");
        keys.put("camel.component.pulsar.service-url", broker.serviceUrl());
        return keys;
    }

    @Override
    public void close() throws PulsarClientException {
        client.close();
    }

    @Override
    public long pid() {
        return broker.pid();
    }
}
