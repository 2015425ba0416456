package io.edarouter.http;

import java.util.List;
import java.util.Map;

import io.edarouter.routing.Subscriber;
import io.edarouter.schema.SchemaChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AffectedSubscribersTest {

    private static Subscriber subscriber(String name, String pattern) {
        return new Subscriber(name, pattern, "mock:" + name, Subscriber.Format.ENVELOPE, Map.of(), 1);
    }

    private static final List<Subscriber> SUBSCRIBERS = List.of(
            subscriber("inventory", "{\"eventType\": [\"OrderCreated\"]}"),
            subscriber("fraud-review", "{\"data\": {\"amount\": [{\"numeric\": [\">\", 1000]}]}}"),
            subscriber("payments", "{\"eventType\": [\"PaymentReceived\"], \"data\": {\"amount\": [{\"exists\": true}]}}"),
            subscriber("gold", "{\"eventType\": [{\"prefix\": \"Order\"}], \"data\": {\"customer\": {\"tier\": [\"gold\"]}}}"),
            subscriber("skus", "{\"data\": {\"lines\": {\"sku\": [\"X-1\"]}}}"));

    @Test
    void aSubscriberTestingARetypedFieldIsListedAndOneOfAnotherTypeIsNot() {
        SchemaChange retyped = new SchemaChange("/amount", "type changed from number to string");

        List<AffectedSubscribers.Affected> affected = AffectedSubscribers.of("OrderCreated", List.of(retyped), SUBSCRIBERS);

        assertThat(affected).containsExactly(
                new AffectedSubscribers.Affected("fraud-review", List.of("data.amount"), List.of(retyped)));
    }

    @Test
    void aRemovedObjectConcernsThePatternsOnItsFieldsAndArrayElementsMatchByName() {
        SchemaChange customer = new SchemaChange("/customer", "removed");
        SchemaChange sku = new SchemaChange("/lines/*/sku", "type changed from string to integer");

        List<AffectedSubscribers.Affected> affected = AffectedSubscribers.of("OrderCreated", List.of(customer, sku),
                SUBSCRIBERS);

        assertThat(affected).extracting(AffectedSubscribers.Affected::name).containsExactly("gold", "skus");
        assertThat(affected.get(0).fields()).containsExactly("data.customer.tier");
    }

    @Test
    void noChangeConcernsNoOne() {
        assertThat(AffectedSubscribers.of("OrderCreated", List.of(), SUBSCRIBERS)).isEmpty();
    }
}
