package io.edarouter.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Endpoint;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Kafka topics a router reads and writes before its first poll or send, and waits until each of their
 * partitions has a leader. A topic the broker creates on first use races its leader election: the first sends are
 * answered {@code NOT_LEADER_OR_FOLLOWER}, and an idempotent producer (Kafka 3.9's, which Camel 4.18 brings) whose
 * later request got in first is refused with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} for every retry of the earlier
 * one until its delivery timeout (KAFKA-15591, fixed in later brokers). Topics are created with the cluster's
 * defaults (partitions, replication), as the broker's auto-creation would. One switch,
 * {@code eda.kafka.create-topics}, turns it off where a cluster forbids creating topics.
 */
public final class KafkaTopicCreator {

    /** How long a start or a table load waits for the cluster to create the topics and elect their leaders. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicCreator.class);
    private static final long POLL_MILLIS = 100;

    private KafkaTopicCreator() {
    }

    /**
     * Creates the missing topics of the Kafka endpoints among {@code endpoints}, one admin client per cluster (same
     * brokers and security settings). Never fails: a cluster that refuses or does not answer is logged once, and the
     * first sends then meet the topic as the broker allows (auto-created or refused).
     */
    public static void createFor(Collection<Endpoint> endpoints, String purpose) {
        Map<Map<String, Object>, Set<String>> topicsByCluster = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint instanceof KafkaEndpoint kafka && kafka.getConfiguration().getTopic() != null
                    && kafka.getKafkaClientFactory().getBrokers(kafka.getConfiguration()) != null) {
                topicsByCluster.computeIfAbsent(adminConfig(kafka), cluster -> new TreeSet<>())
                        .add(kafka.getConfiguration().getTopic());
            }
        }
        topicsByCluster.forEach((cluster, topics) -> {
            Object brokers = cluster.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
            try {
                Set<String> created = createMissing(cluster, topics, READY_TIMEOUT);
                if (!created.isEmpty()) {
                    LOG.info("{}: created Kafka topics {} on {}", purpose, created, brokers);
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.warn("{}: cannot make sure Kafka topics {} exist on {} ({}); the first sends meet them as the broker"
                        + " allows. Where the cluster forbids creating topics, switch this off (eda.kafka.create-topics=false)",
                        purpose, topics, brokers, cause.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Creates those of {@code topics} that do not exist, with the cluster's default partitions and replication, and
     * waits until every partition of every one of {@code topics} has a leader.
     *
     * @param adminConfig settings of Kafka's admin client: {@code bootstrap.servers} and any security settings
     * @return the topics it created
     * @throws TimeoutException when the cluster did not answer or elect the leaders within {@code timeout}
     */
    public static Set<String> createMissing(Map<String, Object> adminConfig, Collection<String> topics, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> missing = new TreeSet<>(topics);
            missing.removeAll(admin.listTopics().names().get(remaining(deadline), TimeUnit.MILLISECONDS));
            Set<String> created = new TreeSet<>();
            if (!missing.isEmpty()) {
                List<NewTopic> newTopics = missing.stream().map(topic -> new NewTopic(topic, java.util.Optional.empty(),
                        java.util.Optional.empty())).toList();
                admin.createTopics(newTopics).values().forEach((topic, result) -> {
                    try {
                        result.get(remaining(deadline), TimeUnit.MILLISECONDS);
                        created.add(topic);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) { // another router created it meanwhile
                            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
                        }
                    } catch (TimeoutException e) {
                        throw new IllegalStateException("topic " + topic + " was not created within " + timeout, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while creating topic " + topic, e);
                    }
                });
            }
            awaitLeaders(admin, topics, deadline, timeout);
            return created;
        }
    }

    private static void awaitLeaders(Admin admin, Collection<String> topics, long deadline, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            Set<String> leaderless = new TreeSet<>(topics);
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(remaining(deadline), TimeUnit.MILLISECONDS);
                described.values().stream()
                        .filter(topic -> !topic.partitions().isEmpty() && topic.partitions().stream()
                                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()))
                        .forEach(topic -> leaderless.remove(topic.name()));
            } catch (ExecutionException e) {
                // a topic just created may not be in the metadata of the broker that answers yet
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (leaderless.isEmpty()) {
                return;
            }
            if (remaining(deadline) <= 0) {
                throw new TimeoutException("no leader for every partition of " + leaderless + " within " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** What Kafka's admin client needs of an endpoint's settings: its brokers and security, nothing of the producer. */
    private static Map<String, Object> adminConfig(KafkaEndpoint endpoint) {
        KafkaConfiguration configuration = endpoint.getConfiguration();
        Properties producer = configuration.createProducerProperties();
        Set<String> adminKeys = AdminClientConfig.configNames();
        Map<String, Object> admin = new HashMap<>();
        producer.forEach((key, value) -> {
            if (adminKeys.contains(key.toString()) && !AdminClientConfig.CLIENT_ID_CONFIG.equals(key)) {
                admin.put(key.toString(), value);
            }
        });
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.getKafkaClientFactory().getBrokers(configuration));
        return admin;
    }

    private static long remaining(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
