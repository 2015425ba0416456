package io.edarouter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.edarouter.event.EventBatch;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest steps IngestRecords and IngestAppend take an empty batch as a batch of none, and complete. */
class IngestStepsTest {

    private final CamelContext context = new DefaultCamelContext();

    @BeforeEach
    void start() throws Exception {
        context.getComponent("eventstore", EventStoreComponent.class)
                .setUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ingest").setProperty(DeadLetterHeaders.DEAD_LETTER_PROPERTY, constant("mock:dead"))
                        .process(new IngestRecords()).process(new IngestAppend());
            }
        });
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void anEmptyBatchIsABatchOfNone() {
        Exchange done = context.createProducerTemplate().send("direct:ingest", e -> e.getMessage().setBody(List.of()));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(EventBatch.records(done)).isEmpty();
        assertThat(context.getEndpoint("mock:dead", MockEndpoint.class).getExchanges()).isEmpty();
    }

    @Test
    void aBatchOfOnlyInvalidRecordsBecomesAnEmptyBatchWithEachRecordDeadLetteredOnce() {
        Exchange done = context.createProducerTemplate().send("direct:ingest",
                e -> e.getMessage().setBody(List.of(record("not json"), record("[1, 2]"))));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(context.getEndpoint("mock:dead", MockEndpoint.class).getExchanges())
                .extracting(e -> e.getMessage().getBody(String.class)).containsExactly("not json", "[1, 2]");
    }

    private Exchange record(String body) {
        Exchange record = new DefaultExchange(context);
        record.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
