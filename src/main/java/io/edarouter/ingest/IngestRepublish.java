package io.edarouter.ingest;

import java.util.Map;

import io.edarouter.broker.BrokerHeaders;
import io.edarouter.config.EdaProperties;
import io.edarouter.store.DeadLetter;
import io.edarouter.store.camel.DeadLetterRedrive;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Redrive of an ingest dead letter: publishes it again to the input ({@code eda.ingest.uri}) with its original bytes
 * and headers, keyed as it was, so it runs through the whole pipeline. The headers the router added ({@code eda-*})
 * and Kafka's own ({@code kafka.*}) stay behind.
 */
public final class IngestRepublish implements DeadLetterRedrive.Republisher {

    private static final String KAFKA_HEADERS = "kafka.";
    private static final String EDA_HEADERS = "eda-";

    private final CamelContext context;
    private final ProducerTemplate producer;

    public IngestRepublish(CamelContext context) {
        this.context = context;
        this.producer = context.createProducerTemplate();
    }

    @Override
    public String republish(DeadLetter deadLetter) throws Exception {
        if (deadLetter.payload() == null) {
            return "no original bytes recorded";
        }
        String uri = EdaProperties.of(context).ingestUri();
        Map<String, String> headers = deadLetter.headers();
        Exchange sent = producer.send(uri, out -> {
            out.getMessage().setBody(deadLetter.payload());
            headers.forEach((name, value) -> {
                if (!name.startsWith(EDA_HEADERS) && !name.startsWith(KAFKA_HEADERS)) {
                    out.getMessage().setHeader(name, value);
                }
            });
            String key = BrokerHeaders.consumedKey(headers);
            if (key != null) {
                BrokerHeaders.setKey(out.getMessage(), key);
            }
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
        return null;
    }
}
