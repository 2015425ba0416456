package io.edarouter.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.edarouter.testsupport.PostgresTestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.pulsar.PulsarComponent;
import org.apache.camel.component.pulsar.PulsarMessageReceipt;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The route a Camel user writes from the component pages, in this JVM: a consumer with manual commit or
 * acknowledgement after the route (the router's at-least-once guarantee), Jackson into a map, a choice on the event
 * type, one {@code sql:} insert per event (idempotent on the event id), the broker's producer for
 * {@code OrderCreated}, then the synchronous per-record commit (Kafka) or the acknowledgement (Pulsar).
 *
 * <p>Timed: from the first event through the route (inserted, dispatched, committed) to the last, counting the events
 * after the first, until the event budget or the time budget is used up.
 */
final class NaiveCamelContender {

    private static final PostgresTestDatabase POSTGRES = PostgresTestDatabase.shared();

    static final String TABLE = "CREATE TABLE naive_events (event_id TEXT PRIMARY KEY, stream TEXT NOT NULL,"
            + " type TEXT NOT NULL, data JSONB NOT NULL, recorded_at TIMESTAMPTZ NOT NULL DEFAULT now())";
    static final String INSERT = "sql:INSERT INTO naive_events (event_id, stream, type, data)"
            + " VALUES (:#eventId, :#subject, :#eventType, CAST(:#${exchangeProperty.raw} AS jsonb))"
            + " ON CONFLICT (event_id) DO NOTHING?dataSource=#benchDataSource";

    private NaiveCamelContender() {
    }

    static Row run(BenchBroker broker, BenchSettings settings, String run, String in, String out) throws Exception {
        String jdbcUrl = POSTGRES.newDatabase();
        AtomicLong done = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong(-1);
        AtomicLong lastNanos = new AtomicLong(-1);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(POSTGRES.user());
        pool.setPassword(POSTGRES.password());
        pool.setMaximumPoolSize(4);
        PulsarClient pulsarClient = null;
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(TABLE);
            }
            CamelContext camel = new DefaultCamelContext();
            camel.getShutdownStrategy().setTimeout(10);
            camel.getRegistry().bind("benchDataSource", dataSource);
            String from;
            String to;
            String keyHeader;
            if (broker instanceof KafkaBench kafka) {
                KafkaComponent component = new KafkaComponent();
                component.getConfiguration().setBrokers(kafka.bootstrapServers());
                camel.addComponent("kafka", component);
                from = "kafka:" + in + "?groupId=" + ThroughputBenchmark.group("naive", run) + "&autoOffsetReset=earliest&autoCommitEnable=false"
                        + "&allowManualCommit=true"
                        + "&kafkaManualCommitFactory=#class:org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommitFactory";
                to = "kafka:" + out;
                keyHeader = KafkaConstants.KEY;
            } else {
                PulsarBench pulsar = (PulsarBench) broker;
                pulsarClient = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
                PulsarComponent component = new PulsarComponent();
                component.setPulsarClient(pulsarClient);
                camel.addComponent("pulsar", component);
                from = "pulsar:" + pulsar.topic(in) + "?subscriptionName=" + ThroughputBenchmark.group("naive", run) + "&subscriptionType=Exclusive"
                        + "&subscriptionInitialPosition=EARLIEST&numberOfConsumers=1&allowManualAcknowledgement=true";
                to = "pulsar:" + pulsar.topic(out);
                keyHeader = "CamelPulsarProducerMessageKey";
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(from).routeId("naive-" + broker.name())
                            .convertBodyTo(String.class)
                            .setProperty("raw", body())
                            .unmarshal().json(JsonLibrary.Jackson, Map.class)
                            .setHeader("eventType", simple("${body[eventType]}"))
                            .setHeader(keyHeader, simple("${body[subject]}"))
                            .choice()
                                .when(header("eventType").in(OrderEvents.CREATED, OrderEvents.PAID, OrderEvents.SHIPPED))
                                    .to(INSERT)
                                    .filter(header("eventType").isEqualTo(OrderEvents.CREATED))
                                        .setBody(exchangeProperty("raw"))
                                        .to(to)
                                    .end()
                                .endChoice()
                                .otherwise()
                                    .log(LoggingLevel.WARN, "unknown event type ${header.eventType}")
                            .end()
                            .process(NaiveCamelContender::commit)
                            .process(exchange -> {
                                long now = System.nanoTime();
                                firstNanos.compareAndSet(-1, now);
                                lastNanos.set(now);
                                done.incrementAndGet();
                            });
                }
            });
            ThroughputBenchmark.log("%s naive camel: starting (budget %,d events or %d s)", broker.name(),
                    settings.naiveLoad(), settings.naiveSeconds());
            long started = System.nanoTime();
            camel.start();
            String note;
            try {
                long budgetNanos = settings.naiveSeconds() * 1_000_000_000L;
                long startDeadline = started + budgetNanos + 30_000_000_000L;
                while (true) {
                    long now = System.nanoTime();
                    long first = firstNanos.get();
                    if (done.get() >= settings.naiveLoad()) {
                        note = "timed: first to last event; all " + settings.naiveLoad() + " preloaded events done";
                        break;
                    }
                    if (first > 0 && now - first >= budgetNanos) {
                        note = "timed: first to last event; time budget " + settings.naiveSeconds() + " s used up";
                        break;
                    }
                    if (first < 0 && now > startDeadline) {
                        note = "timed out: no event done within " + (startDeadline - started) / 1_000_000_000L + " s";
                        break;
                    }
                    Thread.sleep(50); // the polling period
                }
            } finally {
                camel.stop();
                if (pulsarClient != null) {
                    pulsarClient.close();
                }
            }
            long counted = Math.max(0, done.get() - 1);
            double seconds = firstNanos.get() < 0 ? 0 : (lastNanos.get() - firstNanos.get()) / 1e9;
            long rows = count(dataSource);
            Row row = new Row(broker.name(), "naive camel", counted, seconds, null, null, null,
                    note + "; " + rows + " rows stored");
            ThroughputBenchmark.log("%s naive camel: %,d events in %.1f s = %,.0f events/s (%s)", broker.name(),
                    row.events(), row.seconds(), row.rate(), row.note());
            return row;
        }
    }

    private static void commit(Exchange exchange) throws Exception {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
        PulsarMessageReceipt receipt = exchange.getMessage().getHeader(PulsarMessageHeaders.MESSAGE_RECEIPT,
                PulsarMessageReceipt.class);
        if (receipt != null) {
            receipt.acknowledge();
        }
    }

    private static long count(HikariDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM naive_events")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
