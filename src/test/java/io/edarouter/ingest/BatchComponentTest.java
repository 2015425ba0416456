package io.edarouter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class BatchComponentTest {

    @Test
    void exchangesArriveAsBatchesOfAtMostSizeInArrivalOrder() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eda-batch:orders?size=3&interval=200").process(e -> {
                        release.await(10, TimeUnit.SECONDS); // the first batch holds the rest in the queue
                        batches.add(bodies(e));
                    });
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (int i = 0; i < 7; i++) {
                template.sendBody("eda-batch:orders", i);
            }
            release.countDown();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> batches.stream().mapToInt(List::size).sum() == 7);
        }
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        // what queued up while the first batch was held goes on in full batches: 7 in 3 batches
        assertThat(batches).hasSize(3);
    }

    @Test
    void aPartialBatchGoesOnAfterTheInterval() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eda-batch:orders?size=100&interval=20").process(e -> batches.add(bodies(e)));
                }
            });
            context.start();
            context.createProducerTemplate().sendBody("eda-batch:orders", 1);
            context.createProducerTemplate().sendBody("eda-batch:orders", 2);
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> batches.stream().mapToInt(List::size).sum() == 2);
        }
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactly(1, 2);
    }

    @Test
    void theIntervalRunsFromTheFirstExchangesArrivalSoWhatWaitedOutABatchGoesOnAtOnce() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        long[] released = new long[1];
        long[] secondStarted = new long[1];
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eda-batch:orders?size=2&interval=2000").process(e -> {
                        if (batches.isEmpty()) {
                            release.await(10, TimeUnit.SECONDS);
                        } else {
                            secondStarted[0] = System.nanoTime();
                        }
                        batches.add(bodies(e));
                    });
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("eda-batch:orders", 0);
            template.sendBody("eda-batch:orders", 1); // a full batch: goes on at once, and is held
            template.sendBody("eda-batch:orders", 2); // queued behind it, alone, for longer than the interval
            long queued = System.nanoTime();
            await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queued) > 2200);
            released[0] = System.nanoTime();
            release.countDown();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> batches.size() == 2);
        }
        assertThat(batches).containsExactly(List.of(0, 1), List.of(2));
        // counted from when it was taken, the interval would have held it another 2 s
        assertThat(TimeUnit.NANOSECONDS.toMillis(secondStarted[0] - released[0])).isLessThan(1000);
    }

    @Test
    void aBatchIsHandedOverAsItsExchangesAndAnEmptyBatchAsNothing() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eda-batch:orders?size=100&interval=20").process(e -> batches.add(bodies(e)));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Exchange empty = template.send("eda-batch:orders", e -> e.getMessage().setBody(List.of()));
            template.sendBody("eda-batch:orders", List.of(exchange(context, 1), exchange(context, 2)));
            template.sendBody("eda-batch:orders", 3);

            assertThat(empty.getException()).isNull();
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> batches.stream().mapToInt(List::size).sum() == 3);
        }
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactly(1, 2, 3);
    }

    @Test
    void aSourceIsReadByTheConsumerItselfWithoutARouteAndStopsWithIt() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eda-batch:orders?size=100&interval=20&source=direct:in").routeId("batches")
                            .process(e -> batches.add(bodies(e)));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (int i = 0; i < 3; i++) {
                template.sendBodyAndHeader("direct:in", i, "key", "a");
            }
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> batches.stream().mapToInt(List::size).sum() == 3);
            assertThat(batches.stream().flatMap(List::stream).toList()).containsExactly(0, 1, 2);
            // the source has no route of its own
            assertThat(context.getRoutes()).hasSize(1);

            context.getRouteController().stopRoute("batches");
            assertThatThrownBy(() -> template.sendBody("direct:in?timeout=0", 3))
                    .hasRootCauseInstanceOf(org.apache.camel.component.direct.DirectConsumerNotAvailableException.class);
        }
    }

    private static Exchange exchange(CamelContext context, int body) {
        Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void aFullQueueHoldsTheSenderBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eda-batch:orders?size=1&interval=0&queueSize=2").process(e -> release.await(10, TimeUnit.SECONDS));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            // one in the held batch, two in the queue, the fourth waits
            var sent = sender.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    template.sendBody("eda-batch:orders", i);
                }
                return true;
            });
            // held back for as long as the batch is: still not done after a while
            await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !sent.isDone());
            release.countDown();
            assertThat(sent.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void withoutAConsumerTheSendFailsAfterTheTimeout() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            assertThatThrownBy(() -> context.createProducerTemplate().sendBody("eda-batch:nobody?timeout=50", 1))
                    .hasRootCauseMessage("eda-batch:nobody has no running consumer (waited 50 ms)");
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void lanesKeepEachKeysOrderWhileOneLaneWaitsOnAnother() throws Exception {
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        CountDownLatch otherLaneProcessed = new CountDownLatch(1);
        AtomicBoolean heldLaneSawTheOther = new AtomicBoolean();
        AtomicBoolean firstOfA = new AtomicBoolean();
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // "a" and "b" hash to different lanes of two
                    from("eda-batch:orders?size=2&interval=20&lanes=2&laneHeader=key").process(e -> {
                        List<?> batch = e.getMessage().getBody(List.class);
                        String key = ((Exchange) batch.get(0)).getMessage().getHeader("key", String.class);
                        if (key.equals("a") && firstOfA.compareAndSet(false, true)) {
                            // "a" was sent first: one lane alone would never get to "b" while this batch waits, nor
                            // before it (the other lane may have been that quick: then the await returns at once)
                            heldLaneSawTheOther.set(otherLaneProcessed.await(10, TimeUnit.SECONDS));
                        }
                        for (Object record : batch) {
                            Exchange exchange = (Exchange) record;
                            seen.computeIfAbsent(exchange.getMessage().getHeader("key", String.class),
                                    k -> new CopyOnWriteArrayList<>()).add(exchange.getMessage().getBody(Integer.class));
                        }
                        if (key.equals("b")) {
                            otherLaneProcessed.countDown();
                        }
                    });
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            for (int i = 0; i < 5; i++) {
                template.sendBodyAndHeader("eda-batch:orders", i, "key", "a");
                template.sendBodyAndHeader("eda-batch:orders", i, "key", "b");
            }
            await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> seen.values().stream().mapToInt(List::size).sum() == 10);
        }
        assertThat(heldLaneSawTheOther).isTrue();
        assertThat(seen.get("a")).containsExactly(0, 1, 2, 3, 4);
        assertThat(seen.get("b")).containsExactly(0, 1, 2, 3, 4);
    }

    private static List<Integer> bodies(Exchange batch) {
        List<Integer> bodies = new ArrayList<>();
        for (Exchange e : (List<Exchange>) batch.getMessage().getBody(List.class)) {
            bodies.add(e.getMessage().getBody(Integer.class));
        }
        return bodies;
    }
}
