package io.edarouter.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Clients posting batches of events to {@code POST /events} at once, each on its own streams ({@code
 * order-c<client>s<k>}, {@code data.seq} the event's place in its stream), each sending its next batch only once
 * the last one was answered 202, and sending a batch again, with the same events, until it is: what a careful
 * client does while the router crashes and restarts under it. So in the end every event was accepted, and the
 * store must hold each once and each stream in seq order.
 */
final class HttpIngestClients {

    /** What the store holds compared with what was accepted. */
    record Outcome(int accepted, int stored, int duplicated, int missing, int outOfOrder) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final int clients;
    private final int batchSize;
    private final int streamsPerClient;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<String> refused = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Clients of {@code url}, the {@code POST /events} of a router (the same across its restarts). */
    HttpIngestClients(String url, int clients, int batchSize, int streamsPerClient) {
        this.url = URI.create(url);
        this.clients = clients;
        this.batchSize = batchSize;
        this.streamsPerClient = streamsPerClient;
    }

    void start() {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> post(client), "http-ingest-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Events answered 202 so far. */
    int accepted() {
        return acceptedCount.get();
    }

    /** Lets each client finish the batch it is on (until it is accepted) and waits for them. */
    void stop(Duration timeout) throws InterruptedException {
        stopping.set(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (refused.get() != null) {
            throw new AssertionError("the router refused a valid batch: " + refused.get());
        }
    }

    private void post(int client) {
        int[] nextSeq = new int[streamsPerClient];
        int next = 0;
        while (!stopping.get()) {
            StringBuilder body = new StringBuilder("[");
            List<String> ids = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++, next++) {
                int s = next % streamsPerClient;
                String id = UUID.randomUUID().toString();
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(id)
                        .append("\",\"eventType\":\"").append(next % 10 == 0 ? "OrderCreated" : "OrderPaid")
                        .append("\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"source\":\"http-load\",\"subject\":\"")
                        .append(stream(client, s)).append("\",\"data\":{\"orderId\":\"c").append(client).append('s')
                        .append(s).append("\",\"customerId\":\"cust-").append(s).append("\",\"seq\":")
                        .append(nextSeq[s]++).append(",\"amount\":1}}");
            }
            body.append(']');
            sendUntilAccepted(body.toString());
            accepted.addAll(ids);
            acceptedCount.addAndGet(ids.size());
        }
    }

    private void sendUntilAccepted(String body) {
        while (true) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    return;
                }
                if (answer.statusCode() == 400) {
                    refused.compareAndSet(null, answer.body());
                    stopping.set(true);
                    return;
                }
            } catch (IOException e) {
                // the router is down or restarting: the same events again, until one try is accepted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String stream(int client, int s) {
        return "order-c" + client + "s" + s;
    }

    /** Events stored so far, read page by page with {@code GET /streams/$all} of the router at {@code baseUrl}. */
    static List<JsonNode> readAll(HttpClient http, String baseUrl) throws IOException, InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        long from = 0;
        while (true) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/streams/$all?from=" + from + "&limit=1000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IOException("GET /streams/$all answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode array = JSON.readTree(page.body());
            if (array.isEmpty()) {
                return events;
            }
            array.forEach(events::add);
            from = array.get(array.size() - 1).get("globalPosition").asLong() + 1;
        }
    }

    /** Compares the stored events with the accepted ones: each once, each stream's seq 0..n-1 in version order. */
    Outcome check(List<JsonNode> stored) {
        Set<String> ids = new HashSet<>();
        int duplicated = 0;
        Map<String, List<JsonNode>> streams = new HashMap<>();
        for (JsonNode event : stored) {
            if (!ids.add(event.get("eventId").asText())) {
                duplicated++;
            }
            streams.computeIfAbsent(event.get("stream").asText(), k -> new ArrayList<>()).add(event);
        }
        int missing = 0;
        for (String id : accepted) {
            if (!ids.contains(id)) {
                missing++;
            }
        }
        int outOfOrder = 0;
        for (List<JsonNode> stream : streams.values()) {
            stream.sort((a, b) -> Long.compare(a.get("streamVersion").asLong(), b.get("streamVersion").asLong()));
            for (int v = 0; v < stream.size(); v++) {
                if (stream.get(v).get("data").get("seq").asInt() != v) {
                    outOfOrder++;
                }
            }
        }
        return new Outcome(accepted.size(), stored.size(), duplicated, missing, outOfOrder);
    }
}
