package io.edarouter.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** An event is matched as a tree of only the fields its patterns name: the verdicts are those of the whole event. */
class PatternFieldsTest {

    private static final List<String> PATTERNS = List.of(
            "{\"eventType\": [\"OrderCreated\"]}",
            "{\"data\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}",
            "{\"data\": {\"items\": {\"sku\": [\"A-1\"]}}}",
            "{\"data\": {\"customer\": {\"tier\": [{\"anything-but\": \"gold\"}]}}}",
            "{\"data\": {\"coupon\": [{\"exists\": false}]}}",
            "{\"data\": {\"coupon\": [{\"exists\": true}]}}",
            "{\"source\": [{\"prefix\": \"shop\"}], \"$or\": [{\"data\": {\"amount\": [{\"numeric\": [\"<\", 10]}]}},"
                    + " {\"metadata\": {\"region\": [\"eu\"]}}]}",
            "{\"data\": {\"customer\": [\"C1\"]}}",
            "{\"subject\": [\"order-1\"], \"data\": {\"orderId\": [\"1\"]}}");

    private static final List<String> EVENTS = List.of(
            event("OrderCreated", "shop-eu", "{\"orderId\":\"1\",\"amount\":150,\"items\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\"}],"
                    + "\"customer\":{\"id\":\"C1\",\"tier\":\"silver\"}}", "{\"region\":\"eu\"}"),
            event("OrderPaid", "shop-us", "{\"orderId\":\"2\",\"amount\":5,\"coupon\":\"X\",\"customer\":{\"tier\":\"gold\"}}",
                    "{}"),
            event("OrderShipped", "warehouse", "{\"orderId\":\"1\",\"items\":[],\"customer\":\"C1\"}", "{\"region\":\"us\"}"));

    @Test
    void prunedTreesGiveTheVerdictsOfWholeEvents() throws Exception {
        EventCodec codec = new EventCodec();
        try (CamelContext context = new DefaultCamelContext()) {
            int matches = 0;
            for (String pattern : PATTERNS) {
                EventPattern compiled = EventPattern.compile(pattern);
                for (String json : EVENTS) {
                    Event event = codec.decode(json.getBytes(StandardCharsets.UTF_8));
                    Exchange exchange = new DefaultExchange(context);
                    exchange.getMessage().setBody(event);
                    boolean whole = compiled.matches(EventJson.envelope(event));
                    assertThat(compiled.matches(exchange)).as(pattern + " on " + json).isEqualTo(whole);
                    matches += whole ? 1 : 0;
                }
            }
            // the fixture has both verdicts, or the comparison would prove nothing
            assertThat(matches).isBetween(1, PATTERNS.size() * EVENTS.size() - 1);
        }
        SubscriberTable table = SubscriberTable.of(List.of(
                new Subscriber("a", PATTERNS.get(1), "direct:a", Subscriber.Format.ENVELOPE, java.util.Map.of(), 1),
                new Subscriber("b", PATTERNS.get(2), "direct:b", Subscriber.Format.ENVELOPE, java.util.Map.of(), 2)));
        assertThat(table.fields().child("eventType")).isNull();
        assertThat(table.fields().child("data").child("amount").isAll()).isTrue();
        assertThat(table.fields().child("data").child("orderId")).isNull();
    }

    private static String event(String type, String source, String data, String metadata) {
        return "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"eventType\":\"" + type + "\",\"timestamp\":"
                + "\"2026-11-26T10:00:00Z\",\"source\":\"" + source + "\",\"subject\":\"order-1\",\"data\":" + data
                + ",\"metadata\":" + metadata + "}";
    }
}
