package io.edarouter.embedded;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.edarouter.broker.KafkaTopicCreator;
import io.edarouter.config.EdaProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Creates the Kafka topics the configuration names (input, dead letters, every {@code eda.topic.*} key, the topic of
 * a {@code kafka:} ingest URI) once the components are configured and before any route starts, on the embedded
 * broker and on any cluster alike, unless {@code eda.kafka.create-topics=false}: the consumer then finds its topic,
 * and neither HTTP ingest's first publish nor the first dead letter races the broker's auto-creation
 * ({@link KafkaTopicCreator}).
 */
public final class ConfiguredTopics extends MainListenerSupport {

    static final List<String> TOPIC_KEYS = List.of(EdaProperties.INPUT_TOPIC, EdaProperties.DEAD_LETTER_TOPIC);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        if (!EdaProperties.of(context).kafkaCreateTopics()) {
            return;
        }
        KafkaTopicCreator.createFor(topics(context.getPropertiesComponent()).stream()
                .map(topic -> context.getEndpoint("kafka:" + topic)).toList(), "configured topics");
    }

    /** The topics the configuration names: input, dead letters, {@code eda.topic.*} and a Kafka ingest URI's. */
    static Set<String> topics(PropertiesComponent pc) {
        Set<String> keys = new LinkedHashSet<>(TOPIC_KEYS);
        keys.addAll(new TreeSet<>(pc.loadProperties(key -> key.startsWith(EdaProperties.TOPIC_PREFIX)).stringPropertyNames()));
        Set<String> topics = new LinkedHashSet<>();
        for (String key : keys) {
            pc.resolveProperty(key).filter(topic -> !topic.isBlank()).ifPresent(topics::add);
        }
        pc.resolveProperty(EdaProperties.INGEST_URI).flatMap(ConfiguredTopics::kafkaTopic).ifPresent(topics::add);
        return topics;
    }

    /** The topic of a {@code kafka:TOPIC?options} endpoint URI; empty for any other endpoint. */
    static Optional<String> kafkaTopic(String uri) {
        String scheme = "kafka:";
        if (!uri.startsWith(scheme)) {
            return Optional.empty();
        }
        String topic = uri.substring(scheme.length());
        if (topic.startsWith("//")) {
            topic = topic.substring(2);
        }
        int query = topic.indexOf('?');
        if (query >= 0) {
            topic = topic.substring(0, query);
        }
        return topic.isBlank() ? Optional.empty() : Optional.of(topic);
    }
}
