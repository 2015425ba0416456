package io.edarouter.ingest;

import java.util.Map;

import io.edarouter.broker.BrokerMessageKeys;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.camel.DeadLetterRedrive;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;

/**
 * Redrive of an ingest dead letter: publishes it again to the input ({@code eda.ingest.uri}) with its original bytes
 * and headers, keyed as it was, so it runs through the whole pipeline. The headers the router added ({@code eda-*})
 * and Kafka's own ({@code kafka.*}) stay behind.
 */
public final class IngestRepublish implements DeadLetterRedrive.Republisher {

    static final String INGEST_URI = "eda.ingest.uri";
    private static final String KAFKA_HEADERS = "kafka.";
    private static final String EDA_HEADERS = "eda-";

    private final CamelContext context;
    private final ProducerTemplate producer;
    private final BrokerMessageKeys keys = new BrokerMessageKeys();

    public IngestRepublish(CamelContext context) {
        this.context = context;
        this.producer = context.createProducerTemplate();
    }

    @Override
    public String republish(DeadLetter deadLetter) throws Exception {
        if (deadLetter.payload() == null) {
            return "no original bytes recorded";
        }
        String uri = context.resolvePropertyPlaceholders("{{" + INGEST_URI + "}}");
        Map<String, String> headers = deadLetter.headers();
        Exchange sent = producer.send(uri, out -> {
            out.getMessage().setBody(deadLetter.payload());
            headers.forEach((name, value) -> {
                if (!name.startsWith(EDA_HEADERS) && !name.startsWith(KAFKA_HEADERS)) {
                    out.getMessage().setHeader(name, value);
                }
            });
            String key = headers.getOrDefault(KafkaConstants.KEY, headers.get(PulsarMessageHeaders.KEY));
            if (key != null) {
                keys.setKey(out.getMessage(), key);
            }
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
        return null;
    }
}
