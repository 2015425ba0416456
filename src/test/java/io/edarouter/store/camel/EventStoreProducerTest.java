package io.edarouter.store.camel;

import static io.edarouter.store.EventFixtures.bytes;
import static io.edarouter.store.EventFixtures.load;
import static io.edarouter.store.EventFixtures.many;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.edarouter.event.Event;
import io.edarouter.event.InvalidEventException;
import io.edarouter.store.EventFixtures;
import io.edarouter.store.ExpectedVersion;
import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.store.WrongExpectedVersionException;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Appends and reads through {@code eventstore:} producer endpoints, on an in-memory H2 store. */
class EventStoreProducerTest {

    @RegisterExtension
    final CamelStoreContext camel = CamelStoreContext.onH2();

    @Test
    void appendToThePathsStreamSetsStreamVersionAndPositionHeaders() {
        Exchange exchange = camel.template().send("eventstore:order-1",
                e -> e.getMessage().setBody(many("order-created", "a", 2)));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.STREAM)).isEqualTo("order-1");
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.STREAM_VERSION)).isEqualTo(1L);
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.GLOBAL_POSITION)).isEqualTo(1L);
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.DUPLICATE)).isEqualTo(false);
    }

    @Test
    void streamHeaderWinsOverThePath() {
        camel.template().sendBodyAndHeader("eventstore:order-1", load("order-created"), EventStoreConstants.STREAM,
                "order-9");

        assertThat(camel.store().readStream("order-9", 0, 10, ReadDirection.FORWARD)).hasSize(1);
        assertThat(camel.store().readStream("order-1", 0, 10, ReadDirection.FORWARD)).isEmpty();
    }

    @Test
    void jsonBodyIsDecodedWithTheEventCodec() {
        camel.template().sendBody("eventstore:$all", bytes("order-created"));
        camel.template().sendBody("eventstore:$all",
                new String(bytes("order-paid"), java.nio.charset.StandardCharsets.UTF_8));

        assertThat(camel.store().readStream("order-12345", 0, 10, ReadDirection.FORWARD))
                .extracting(r -> r.event().eventType()).containsExactly("OrderCreated", "OrderPaid");
    }

    @Test
    void invalidBodyFailsWithInvalidEventException() {
        assertThatThrownBy(() -> camel.template().sendBody("eventstore:order-1", "{\"eventId\": \"x\"}"))
                .isInstanceOf(CamelExecutionException.class).cause()
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("eventType");
    }

    @Test
    void appendToAllUsesTheSubjectAsStream() {
        Exchange exchange = camel.template().send("eventstore:$all",
                e -> e.getMessage().setBody(load("customer-registered")));

        assertThat(exchange.getMessage().getHeader(EventStoreConstants.STREAM)).isEqualTo("customer-67890");
    }

    @Test
    void appendToAllUsesTheStreamExpressionWhenTheEventHasNoSubject() {
        Exchange exchange = camel.template().send("eventstore:$all?streamExpression=order-${body.data[orderId]}",
                e -> e.getMessage().setBody(load("no-subject")));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.STREAM)).isEqualTo("order-777");
    }

    @Test
    void appendToAllWithoutSubjectOrStreamExpressionFailsAtStageStream() {
        assertThatThrownBy(() -> camel.template().sendBody("eventstore:$all", load("no-subject")))
                .cause().isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.getStage()).isEqualTo("stream"))
                .hasMessageContaining("no subject").hasMessageContaining("streamExpression");
    }

    @Test
    void listBodyForManyStreamsIsAppendedInOneTransaction() {
        List<Event> events = List.of(load("order-created"), load("customer-registered"), load("order-paid"));

        Exchange exchange = camel.template().send("eventstore:$all", e -> e.getMessage().setBody(events));

        assertThat(camel.store().readAll(0, 10)).extracting(RecordedEvent::stream)
                .containsExactly("order-12345", "customer-67890", "order-12345");
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.STREAM)).isEqualTo("order-12345");
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.STREAM_VERSION)).isEqualTo(1L);
        assertThat(exchange.getMessage().getHeader(EventStoreConstants.GLOBAL_POSITION)).isEqualTo(2L);
    }

    @Test
    void listBodyIsAllOrNothing() {
        List<Object> body = new ArrayList<>(many("order-created", "a", 3));
        body.add("not json");

        assertThatThrownBy(() -> camel.template().sendBody("eventstore:order-1", body)).cause()
                .isInstanceOf(InvalidEventException.class);
        assertThat(camel.store().headPosition()).isZero();
    }

    @Test
    void expectedVersionMismatchFailsTheExchangeNamingStreamExpectedAndActual() {
        camel.template().sendBody("eventstore:order-1", load("order-created"));

        assertThatThrownBy(() -> camel.template().sendBodyAndHeader("eventstore:order-1", load("order-paid"),
                EventStoreConstants.EXPECTED_VERSION, "no_stream"))
                .cause().isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.getStream()).isEqualTo("order-1");
                    assertThat(e.getExpected()).isEqualTo(ExpectedVersion.noStream());
                    assertThat(e.getActual()).isZero();
                });
        assertThatThrownBy(() -> camel.template().sendBody("eventstore:order-1?expectedVersion=5", load("order-paid")))
                .cause().isInstanceOf(WrongExpectedVersionException.class);
    }

    @Test
    void reappendedEventIsAcknowledgedWithItsOriginalPositions() {
        camel.template().sendBody("eventstore:order-1", load("order-created"));
        camel.template().sendBody("eventstore:order-1", load("order-paid"));

        Exchange again = camel.template().send("eventstore:order-1?expectedVersion=no_stream",
                e -> e.getMessage().setBody(load("order-created")));

        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(EventStoreConstants.GLOBAL_POSITION)).isEqualTo(0L);
        assertThat(again.getMessage().getHeader(EventStoreConstants.DUPLICATE)).isEqualTo(true);
        assertThat(camel.store().headPosition()).isEqualTo(2);
    }

    @Test
    void readOperationsPutRecordedEventsInTheBody() {
        camel.store().append("order-1", ExpectedVersion.any(), many("order-created", "a", 5));
        camel.store().append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 2));

        List<?> backward = camel.template().requestBodyAndHeaders(
                "eventstore:order-1?operation=readStream&direction=backward"
                + "&fromVersion=-1&limit=2", null, Map.of(), List.class);
        List<?> all = camel.template().requestBodyAndHeader("eventstore:$all?operation=readAll&limit=3", null,
                EventStoreConstants.FROM_POSITION, 4L, List.class);
        List<?> category = camel.template().requestBody("eventstore:$ce-customer?operation=readCategory", null,
                List.class);
        List<?> byType = camel.template().requestBodyAndHeaders("eventstore:$all", null,
                Map.of(EventStoreConstants.OPERATION, "readEventType", EventStoreConstants.EVENT_TYPE, "OrderCreated",
                        EventStoreConstants.LIMIT, 10), List.class);

        assertThat(backward).extracting(r -> ((RecordedEvent) r).streamVersion()).containsExactly(4L, 3L);
        assertThat(all).extracting(r -> ((RecordedEvent) r).globalPosition()).containsExactly(4L, 5L, 6L);
        assertThat(category).extracting(r -> ((RecordedEvent) r).stream()).containsExactly("customer-1", "customer-1");
        assertThat(byType).hasSize(5);
    }

    @Test
    void recordedEventConvertsToTheEnvelopeWithItsPositions() {
        camel.store().append("order-12345", ExpectedVersion.any(), List.of(EventFixtures.load("order-created")));
        RecordedEvent recorded = camel.store().readAll(0, 1).get(0);

        String json = camel.context().getTypeConverter().convertTo(String.class, recorded);

        assertThat(json).startsWith("{\"eventId\":\"7d3c4a9e-0000-4000-8000-000000000001\"")
                .endsWith("\"stream\":\"order-12345\",\"streamVersion\":0,\"globalPosition\":0}");
        assertThat(camel.context().getTypeConverter().convertTo(byte[].class, recorded)).asString().isEqualTo(json);
    }
}
