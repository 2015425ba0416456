package io.edarouter.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Plain AWS SDK calls on the queues of an SQS server (ElasticMQ in the tests), the way a user's producer and consumer
 * would make them: create a standard or FIFO queue, send, receive and delete.
 */
public final class SqsQueues implements AutoCloseable {

    /** The most entries SQS takes in one batch request. */
    public static final int MAX_BATCH = 10;

    private final SqsClient client;

    SqsQueues(SqsClient client) {
        this.client = client;
    }

    public SqsClient client() {
        return client;
    }

    /** Creates the queue (FIFO when its name ends in {@code .fifo}) and answers its URL. */
    public String create(String name) {
        Map<QueueAttributeName, String> attributes = name.endsWith(".fifo")
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
        return client.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    public String url(String name) {
        return client.getQueueUrl(request -> request.queueName(name)).queueUrl();
    }

    /** Sends one message; on a FIFO queue in message group {@code group} with deduplication id {@code dedupId}. */
    public String send(String queue, String body, String group, String dedupId) {
        return client.sendMessage(request -> {
            request.queueUrl(url(queue)).messageBody(body);
            if (queue.endsWith(".fifo")) {
                request.messageGroupId(group).messageDeduplicationId(dedupId);
            }
        }).messageId();
    }

    /**
     * Sends the bodies in batches of ten, in order; on a FIFO queue body i in message group {@code groups.get(i)} with
     * deduplication id {@code dedupIds.get(i)}.
     */
    public void sendAll(String queue, List<String> bodies, List<String> groups, List<String> dedupIds) {
        String url = url(queue);
        boolean fifo = queue.endsWith(".fifo");
        for (int from = 0; from < bodies.size(); from += MAX_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(bodies.size(), from + MAX_BATCH); i++) {
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                        .messageBody(bodies.get(i));
                if (fifo) {
                    entry.messageGroupId(groups.get(i)).messageDeduplicationId(dedupIds.get(i));
                }
                entries.add(entry.build());
            }
            var response = client.sendMessageBatch(request -> request.queueUrl(url).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " messages of a batch to "
                        + queue + ": " + response.failed().get(0));
            }
        }
    }

    /**
     * Receives (and deletes) messages of {@code queue} until {@code done} holds for what was received so far, or
     * {@code timeout} is over; answers all received, in receive order, with their attributes.
     */
    public List<Message> receiveUntil(String queue, Predicate<List<Message>> done, Duration timeout) {
        String url = url(queue);
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received) && System.nanoTime() < deadline) {
            List<Message> messages = client.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(MAX_BATCH)
                    .waitTimeSeconds(1).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!messages.isEmpty()) {
                received.addAll(messages);
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < messages.size(); i++) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                            .receiptHandle(messages.get(i).receiptHandle()).build());
                }
                client.deleteMessageBatch(request -> request.queueUrl(url).entries(entries));
            }
        }
        return received;
    }

    /** A message attribute's text, or null. */
    public static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    /** Messages in the queue that no consumer holds, and those received but not deleted (approximate, as SQS says). */
    public int visibleAndInFlight(String queue) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(request -> request.queueUrl(url(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        client.close();
    }
}
