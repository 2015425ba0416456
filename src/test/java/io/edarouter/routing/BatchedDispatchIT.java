package io.edarouter.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.edarouter.event.Event;
import io.edarouter.store.EventFixtures;
import io.edarouter.store.camel.EventStoreConstants;
import io.edarouter.testsupport.ElasticMqTestBroker;
import io.edarouter.testsupport.KinesaliteTestServer;
import io.edarouter.testsupport.SqsQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One dispatch batch of {@value #EVENTS} events over three streams to a Kinesis stream (kinesalite) and an SQS FIFO
 * queue (ElasticMQ) goes out in ceil(N/500) {@code PutRecords} and ceil(N/10) {@code SendMessageBatch} calls
 * (counted by the SDK's interceptor, {@link AwsCallCounter}), and every event arrives once, each stream in order:
 * on Kinesis by partition key, on SQS by message group, with the eventId as deduplication id.
 */
class BatchedDispatchIT {

    private static final int EVENTS = 1003;
    private static final List<String> STREAMS = List.of("order-a", "order-b", "order-c");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KinesaliteTestServer KINESIS = KinesaliteTestServer.shared();
    @RegisterExtension
    static final ElasticMqTestBroker SQS = ElasticMqTestBroker.shared();

    @TempDir
    Path dir;

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void aBatchGoesOutInAsFewCallsAsTheLimitsAllowAndEachStreamArrivesInOrder() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String stream = "batched-" + run;
        String queue = "batched-" + run + ".fifo";
        KINESIS.createStream(stream, 2);
        SqsQueues queues = SQS.queues();
        queues.create(queue);
        Path file = dir.resolve("subscribers.yaml");
        Files.writeString(file, """
                subscribers:
                  - {name: kinesis, pattern: {eventType: [OrderCreated]}, to: "eda-kinesis:%s"}
                  - name: sqs
                    pattern: {eventType: [OrderCreated]}
                    to: "aws2-sqs:%s?region=%s&overrideEndpoint=true&uriEndpointOverride=%s&accessKey=%s&secretKey=%s"
                """.formatted(stream, queue, ElasticMqTestBroker.REGION, SQS.endpoint(), ElasticMqTestBroker.ACCESS_KEY,
                ElasticMqTestBroker.SECRET_KEY));
        Properties keys = new Properties();
        keys.putAll(KINESIS.routerKeys(stream));
        context.getPropertiesComponent().setInitialProperties(keys);
        context.getRegistry().bind("meters", new SimpleMeterRegistry());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("eda-dispatch:" + file + "?createTopics=false");
            }
        });
        context.start();
        List<Message> batch = new ArrayList<>();
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String streamOf = STREAMS.get(i % STREAMS.size());
            String eventId = streamOf + "-" + i;
            Message message = new DefaultMessage(context);
            message.setBody(EventFixtures.event(eventId, "OrderCreated", "2024-01-01T00:00:00Z", "order-service",
                    "{\"orderId\": \"" + streamOf + "\", \"seq\": " + i + "}"));
            message.setHeader(EventStoreConstants.STREAM, streamOf);
            batch.add(message);
            sent.computeIfAbsent(streamOf, s -> new ArrayList<>()).add(eventId);
        }
        int putRecords = AwsCallCounter.calls("PutRecords");
        int sendMessageBatch = AwsCallCounter.calls("SendMessageBatch");

        context.createProducerTemplate().sendBody("direct:in", batch);

        assertThat(AwsCallCounter.calls("PutRecords") - putRecords).isEqualTo((EVENTS + 499) / 500);
        assertThat(AwsCallCounter.calls("SendMessageBatch") - sendMessageBatch).isEqualTo((EVENTS + 9) / 10);
        Map<String, List<String>> onKinesis = new LinkedHashMap<>();
        for (Record record : KINESIS.readAll(stream)) {
            onKinesis.computeIfAbsent(record.partitionKey(), s -> new ArrayList<>())
                    .add(Event.readJson(record.data().asUtf8String()).get("eventId").asText());
        }
        assertThat(onKinesis).isEqualTo(sent);
        List<software.amazon.awssdk.services.sqs.model.Message> received = queues.receiveUntil(queue,
                messages -> messages.size() >= EVENTS, TIMEOUT);
        Map<String, List<String>> onSqs = new LinkedHashMap<>();
        for (software.amazon.awssdk.services.sqs.model.Message message : received) {
            String eventId = Event.readJson(message.body()).get("eventId").asText();
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).isEqualTo(eventId);
            onSqs.computeIfAbsent(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                    s -> new ArrayList<>()).add(eventId);
        }
        assertThat(onSqs).isEqualTo(sent);
    }
}
