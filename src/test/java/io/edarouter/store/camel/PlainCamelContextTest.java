package io.edarouter.store.camel;

import static io.edarouter.store.EventFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.edarouter.store.ReadDirection;
import io.edarouter.store.RecordedEvent;
import io.edarouter.testsupport.CamelStoreContext;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A plain CamelContext (no camel-main) gets {@code eventstore:} from the jar alone: the component from its
 * service file, the store from a DataSource bean of the registry, the RecordedEvent converters from the
 * TypeConverterLoader file; Java and YAML routes use it.
 */
class PlainCamelContextTest {

    @Test
    void javaAndYamlRoutesAppendAndReadWithEventstoreFromTheJarAlone() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(CamelStoreContext.h2Url());
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("events-db", dataSource);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:append").routeId("append-java").to("eventstore:$all");
                    from("eventstore:$ce-order?subscription=plain&pollInterval=20").routeId("subscribe-java")
                            .to("mock:consumed");
                    from("direct:read").routeId("read-java").to("eventstore:order-12345?operation=readStream")
                            .split(body()).convertBodyTo(String.class).to("mock:json");
                }
            });
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveResource(context, "classpath:routes/store-orders.camel.yaml"));
            context.start();

            context.createProducerTemplate().sendBody("direct:append", load("order-created"));
            context.createProducerTemplate().sendBody("direct:orders", load("no-subject"));
            context.createProducerTemplate().sendBody("direct:read", null);

            org.apache.camel.component.mock.MockEndpoint consumed =
                    context.getEndpoint("mock:consumed", org.apache.camel.component.mock.MockEndpoint.class);
            org.awaitility.Awaitility.await().until(() -> consumed.getReceivedCounter() == 2);
            EventStoreComponent component = context.getComponent("eventstore", EventStoreComponent.class);
            assertThat(component.getEventStore().readStream("order-777", 0, 10, ReadDirection.FORWARD))
                    .extracting(RecordedEvent::globalPosition).containsExactly(1L);
            List<String> json = context.getEndpoint("mock:json", org.apache.camel.component.mock.MockEndpoint.class)
                    .getReceivedExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
            assertThat(json).singleElement().asString().contains("\"eventType\":\"OrderCreated\"")
                    .contains("\"stream\":\"order-12345\"");
        }
    }
}
