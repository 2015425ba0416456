package io.edarouter.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import static org.awaitility.Awaitility.await;

/**
 * The machine's RabbitMQ server (127.0.0.1:5672, guest/guest), started with {@code rabbitmq-server -detached} when it
 * is installed and down (as {@code .ci/run} does). It is not the test run's to stop: tests name their queues and
 * exchanges after their run ({@link RouterRun#withRabbitMq}), and what they declared is deleted when the run ends.
 * Tests publish and read with RabbitMQ's own client.
 */
public final class RabbitMqTestBroker extends SharedTestServer<RabbitMqTestBroker> {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5672;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final RabbitMqTestBroker SHARED = new RabbitMqTestBroker();

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private Connection connection;

    private RabbitMqTestBroker() {
        super("rabbitmq");
    }

    /** The one server of the test JVM. */
    public static RabbitMqTestBroker shared() {
        return SHARED;
    }

    @Override
    protected void start() {
        if (!answers()) {
            try {
                new ProcessBuilder("rabbitmq-server", "-detached").inheritIO().start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException("RabbitMQ does not answer on " + HOST + ":" + PORT
                        + " and rabbitmq-server cannot be started (install rabbitmq-server): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            await("RabbitMQ on " + HOST + ":" + PORT).atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(this::answers);
        }
    }

    @Override
    protected synchronized void stop() {
        try (Connection c = connect(); Channel channel = c.createChannel()) {
            for (String name : names) {
                channel.queueDelete(name);
                channel.exchangeDelete(name);
            }
        } catch (Exception e) {
            // the server may be gone already; leftovers are named after their run and harm no other
        }
        names.clear();
        if (connection != null && connection.isOpen()) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** The keys that switch a router's RabbitMQ input on and point it at this server. */
    public Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("eda.rabbitmq.enabled", "true");
        keys.put("camel.component.eda-rabbitmq.host", HOST);
        keys.put("camel.component.eda-rabbitmq.port", String.valueOf(PORT));
        keys.put("camel.component.eda-rabbitmq.username", "guest");
        keys.put("camel.component.eda-rabbitmq.password", "guest");
        return keys;
    }

    /** Queues and exchanges to delete when the run ends. */
    public void deleteAtEnd(String... declared) {
        names.addAll(java.util.List.of(declared));
    }

    /** Declares the router's input queue as the router does (durable, single active consumer). */
    public void declareInput(String queue) throws IOException {
        deleteAtEnd(queue);
        try (Channel channel = channel()) {
            channel.queueDeclare(queue, true, false, false, Map.of("x-single-active-consumer", true));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Publishes persistent messages to a queue (through the default exchange) and waits for the broker's confirms. */
    public void publish(String queue, Iterable<byte[]> bodies, String messageIdPrefix) throws Exception {
        try (Channel channel = channel()) {
            channel.confirmSelect();
            int i = 0;
            for (byte[] body : bodies) {
                AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                        .messageId(messageIdPrefix == null ? null : messageIdPrefix + i++).build();
                channel.basicPublish("", queue, properties, body);
            }
            channel.waitForConfirmsOrDie(60_000);
        }
    }

    /** Publishes one persistent message, with this message id, to a queue. */
    public void publish(String queue, byte[] body, String messageId) throws Exception {
        try (Channel channel = channel()) {
            channel.confirmSelect();
            channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC.builder().messageId(messageId).build(), body);
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    /**
     * The next message of a queue (acknowledged), declared as the router's producer declares its queue if it is not
     * there yet, waiting for one at most {@code timeout}; null if none came. */
    public GetResponse next(String queue, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Channel channel = channel()) {
            // as the router's producer declares it (it may not have published there yet)
            channel.queueDeclare(queue, true, false, false, null);
            while (System.nanoTime() < deadline) {
                GetResponse response = channel.basicGet(queue, true);
                if (response != null) {
                    return response;
                }
                Thread.sleep(50);
            }
        }
        return null;
    }

    /** The next message of a queue whose body contains {@code text}, skipping others; fails after {@code timeout}. */
    public GetResponse nextContaining(String queue, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            GetResponse response = next(queue, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (response != null && new String(response.getBody(), StandardCharsets.UTF_8).contains(text)) {
                return response;
            }
        }
        throw new AssertionError("no message containing " + text + " on queue " + queue + " within " + timeout);
    }

    /** Messages of a queue, ready and delivered but not acknowledged, as the broker counts them. */
    public long messages(String queue) throws Exception {
        Process p = new ProcessBuilder("rabbitmqctl", "list_queues", "-q", "--no-table-headers", "name", "messages")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 2 && cells[0].equals(queue)) {
                return Long.parseLong(cells[1]);
            }
        }
        throw new IllegalStateException("queue " + queue + " not listed by rabbitmqctl: " + out);
    }

    /** Consumers of a queue, as the broker counts them (an idle one of a single-active-consumer queue included). */
    public long consumers(String queue) throws Exception {
        try (Channel channel = channel()) {
            return channel.consumerCount(queue);
        }
    }

    /** A channel on the tests' connection; close it after use. */
    public synchronized Channel channel() throws IOException, java.util.concurrent.TimeoutException {
        if (connection == null || !connection.isOpen()) {
            connection = connect();
        }
        return connection.createChannel();
    }

    private static Connection connect() throws IOException, java.util.concurrent.TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory.newConnection("eda-router tests");
    }

    private boolean answers() {
        try (Connection c = connect()) {
            return c.isOpen();
        } catch (Exception e) {
            return false;
        }
    }
}
