package io.edarouter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.edarouter.event.EventBatch;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest steps IngestRecords and IngestAppend take an empty batch as a batch of none, and complete. */
class IngestStepsTest {

    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onH2()
            .beforeStart(context -> context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ingest").setProperty(DeadLetterHeaders.DEAD_LETTER_PROPERTY, constant("mock:dead"))
                            .process(new IngestRecords()).process(new IngestAppend());
                }
            }));

    @Test
    void anEmptyBatchIsABatchOfNone() {
        Exchange done = camel.template().send("direct:ingest", e -> e.getMessage().setBody(List.of()));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(EventBatch.records(done)).isEmpty();
        assertThat(camel.context().getEndpoint("mock:dead", MockEndpoint.class).getExchanges()).isEmpty();
    }

    @Test
    void aBatchOfOnlyInvalidRecordsBecomesAnEmptyBatchWithEachRecordDeadLetteredOnce() {
        Exchange done = camel.template().send("direct:ingest",
                e -> e.getMessage().setBody(List.of(record("not json"), record("[1, 2]"))));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(List.class)).isEmpty();
        assertThat(camel.context().getEndpoint("mock:dead", MockEndpoint.class).getExchanges())
                .extracting(e -> e.getMessage().getBody(String.class)).containsExactly("not json", "[1, 2]");
    }

    private Exchange record(String body) {
        Exchange record = new DefaultExchange(camel.context());
        record.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
