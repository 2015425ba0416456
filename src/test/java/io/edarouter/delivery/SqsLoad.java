package io.edarouter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.edarouter.testsupport.ElasticMqTestBroker;
import io.edarouter.testsupport.RouterRun;
import io.edarouter.testsupport.SqsQueues;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An {@link IngestLoad} on Amazon SQS (ElasticMQ): the router's queues (a FIFO input, the inventory and dead-letter
 * queues of the shipped subscribers), the load sent in order with each event's stream as its message group and its
 * eventId as its deduplication id, and what reached the inventory queue.
 */
final class SqsLoad {

    private final ElasticMqTestBroker sqs;
    private final RouterRun run;
    /** The router's FIFO input queue. */
    final String input;

    SqsLoad(ElasticMqTestBroker sqs, RouterRun run) {
        this.sqs = sqs;
        this.run = run;
        this.input = "orders-" + run.id() + ".fifo";
        try (SqsQueues queues = sqs.queues()) {
            for (String queue : List.of(input, run.inventory(), run.fraudReview(), run.deadLetter())) {
                queues.create(queue);
            }
        }
    }

    /** The run's keys with the router consuming the FIFO input queue. */
    Map<String, String> keys() {
        return run.with(sqs.routerKeys(input)).keys();
    }

    void send(IngestLoad load) {
        List<String> bodies = new ArrayList<>(load.count);
        List<String> ids = new ArrayList<>(load.count);
        for (byte[] value : load.values) {
            String body = new String(value, StandardCharsets.UTF_8);
            bodies.add(body);
            ids.add(eventId(body));
        }
        try (SqsQueues queues = sqs.queues()) {
            queues.sendAll(input, bodies, load.keys, ids);
        }
    }

    /** How many of the load's dispatched events reached the inventory queue at least once. */
    int deliveredOnInventory(IngestLoad load, Duration timeout) {
        Set<String> seen = new HashSet<>();
        try (SqsQueues queues = sqs.queues()) {
            queues.receiveUntil(run.inventory(), received -> {
                for (Message message : received) {
                    String id = eventId(message.body());
                    if (load.dispatchedIds.contains(id)) {
                        seen.add(id);
                    }
                }
                return seen.size() >= load.dispatchedIds.size();
            }, timeout);
        }
        return seen.size();
    }

    private static String eventId(String json) {
        int at = json.indexOf("\"eventId\":\"") + 11;
        return json.substring(at, at + 36);
    }
}
