package io.edarouter.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.edarouter.broker.KafkaTopicCreator;
import io.edarouter.observe.EdaMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscribers table with a started producer for each subscriber's endpoint, and the subscriber's meters. Made when
 * a table is loaded (the subscribers' Kafka topics created first, unless switched off), stopped when the table is
 * replaced or dispatch stops. A broker producer whose send failed or did not finish is replaced by a new one.
 */
final class DispatchTargets {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchTargets.class);
    /**
     * Components whose producers send on the broker client's own threads (eda-kinesis and, through
     * {@link SqsBatchProducer}, aws2-sqs: on the producer's own) and call back when the broker answered;
     * a target routed inside this Camel context must run on the calling thread instead.
     */
    private static final Set<String> ASYNC_SCHEMES = Set.of("kafka", "pulsar", "eda-rabbitmq", "eda-kinesis", "aws2-sqs");

    private final SubscriberTable table;
    private final Map<String, Target> targets;

    private DispatchTargets(SubscriberTable table, Map<String, Target> targets) {
        this.table = table;
        this.targets = targets;
    }

    /**
     * The table's endpoints, their Kafka topics created when {@code createTopics}, and a started producer for each;
     * refused naming the file (and the subscriber) when an endpoint or a producer cannot be made.
     */
    static DispatchTargets start(SubscriberTable table, CamelContext context, boolean createTopics, String location) {
        MeterRegistry registry = EdaMeters.registry(context);
        Map<String, Target> targets = new LinkedHashMap<>();
        for (Subscriber subscriber : table.subscribers()) {
            try {
                targets.put(subscriber.name(), new Target(subscriber, context.getEndpoint(subscriber.uri()), registry));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("subscribers file " + location + ", line " + subscriber.line()
                        + ", subscriber '" + subscriber.name() + "': endpoint " + subscriber.uri() + ": " + e.getMessage(), e);
            }
        }
        if (createTopics) {
            KafkaTopicCreator.createFor(targets.values().stream().map(target -> target.endpoint).toList(),
                    "eda-dispatch " + location);
        }
        try {
            for (Target target : targets.values()) {
                // an SQS FIFO queue: a stream is a message group, an eventId a deduplication id
                SqsFifoTargets.prepare(target.endpoint);
                // the endpoint may not have been started yet (route start-up); its producer needs it (Pulsar's client)
                ServiceHelper.startService(target.endpoint);
                target.producer = newProducer(target.endpoint);
                ServiceHelper.startService(target.producer);
            }
        } catch (Exception e) {
            targets.values().stream().filter(target -> target.producer != null)
                    .forEach(target -> ServiceHelper.stopService(target.producer));
            throw new IllegalArgumentException("subscribers file " + location + ": cannot start a producer: "
                    + e.getMessage(), e);
        }
        return new DispatchTargets(table, targets);
    }

    SubscriberTable table() {
        return table;
    }

    Target target(Subscriber subscriber) {
        return targets.get(subscriber.name());
    }

    /** Stops the producers; a broker producer finishes the sends it has taken first. */
    void stop() {
        targets.values().forEach(target -> ServiceHelper.stopService(target.producer));
    }

    /**
     * The endpoint's producer; for an SQS queue one that sends a batch's copies with SendMessageBatch, each copy
     * answered on its own ({@link SqsBatchProducer}; camel-aws2-sqs's sends one message a call).
     */
    private static AsyncProducer newProducer(Endpoint endpoint) throws Exception {
        return endpoint instanceof Sqs2Endpoint sqs ? new SqsBatchProducer(sqs) : endpoint.createAsyncProducer();
    }

    /** Where one subscriber's copies go: its endpoint, the started producer in use, and its meters. */
    static final class Target {
        private final Subscriber subscriber;
        private final Endpoint endpoint;
        /** Whether its producer sends on a broker client's (or its own) threads and is replaced when stuck. */
        private final boolean broker;
        private final Counter dispatched;
        private final Counter failed;
        private final Counter replaced;
        private volatile AsyncProducer producer;

        private Target(Subscriber subscriber, Endpoint endpoint, MeterRegistry registry) {
            this.subscriber = subscriber;
            this.endpoint = endpoint;
            this.broker = ASYNC_SCHEMES.contains(StringHelper.before(endpoint.getEndpointUri(), ":", ""));
            String target = StringHelper.before(subscriber.uri(), "?", subscriber.uri());
            this.dispatched = Counter.builder(EdaMeters.DISPATCHED).description("Events sent to a subscriber by eda-dispatch")
                    .tag("subscriber", subscriber.name()).tag("endpoint", target).register(registry);
            this.failed = Counter.builder(EdaMeters.DISPATCH_FAILED)
                    .description("Sends to a subscriber that failed or did not finish within sendTimeout")
                    .tag("subscriber", subscriber.name()).tag("endpoint", target).register(registry);
            this.replaced = Counter.builder(EdaMeters.DISPATCH_PRODUCERS_REPLACED)
                    .description("Broker producers closed and replaced after a failed or unfinished send")
                    .tag("subscriber", subscriber.name()).register(registry);
        }

        /** Whether its producer sends on a broker client's threads and calls back when the broker answered. */
        boolean isBroker() {
            return broker;
        }

        /** The producer to send through now. */
        AsyncProducer producer() {
            return producer;
        }

        /** Counts the sends of one exchange: those that went, those that failed. */
        void count(int sent, int failedSends) {
            if (sent > 0) {
                dispatched.increment(sent);
            }
            if (failedSends > 0) {
                failed.increment(failedSends);
            }
        }

        /** The subscriber and its target, as log lines name them. */
        String describe() {
            return "subscriber '" + subscriber.name() + "' (" + StringHelper.before(subscriber.uri(), "?", subscriber.uri()) + ")";
        }

        /**
         * Closes the producer a failed send went through without waiting for the sends it holds, and puts a new one in
         * its place, unless another exchange did already. Answers whether this call replaced it.
         */
        boolean replace(AsyncProducer stuck) {
            synchronized (this) {
                if (producer != stuck) {
                    return false;
                }
                closeNow(stuck);
                try {
                    AsyncProducer fresh = newProducer(endpoint);
                    ServiceHelper.startService(fresh);
                    producer = fresh;
                } catch (Exception e) {
                    // the closed producer stays: the next send through it fails at once and comes here again
                    LOG.error("eda-dispatch: {}: cannot start a new producer: {}", describe(), e.getMessage());
                    return false;
                }
            }
            replaced.increment();
            return true;
        }

        /** Stops a producer; a Kafka producer is closed at once, failing the sends it still holds instead of awaiting them. */
        private static void closeNow(AsyncProducer producer) {
            if (producer instanceof org.apache.camel.component.kafka.KafkaProducer kafka && kafka.getKafkaProducer() != null) {
                kafka.getKafkaProducer().close(Duration.ZERO);
                // so that stopping it does not close the client again, waiting for those sends
                kafka.setKafkaProducer(null);
            }
            ServiceHelper.stopService(producer);
        }
    }
}
