package io.edarouter.store;

import static io.edarouter.store.EventFixtures.load;
import static io.edarouter.store.EventFixtures.many;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import io.edarouter.event.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of an {@link EventStore}, run against every backend: a subclass gives a fresh, empty
 * database for each test.
 */
public abstract class EventStoreContract {

    protected EventStore store;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Subscription> subscriptions = new ArrayList<>();

    /** Opens a store on this test's database (called again to reopen it). */
    protected abstract EventStore openStore();

    /** Prepares a fresh, empty database for the next {@link #openStore()} calls. */
    protected abstract void newDatabase() throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        newDatabase();
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        subscriptions.forEach(Subscription::close);
        executor.shutdownNow();
        store.close();
    }

    // ------------------------------------------------------------ versions and positions

    @Test
    void streamVersionsStartAtZeroAndHaveNoGaps() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 3));

        assertThat(store.readStream("order-1", 0, 100, ReadDirection.FORWARD))
                .extracting(RecordedEvent::streamVersion).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void textWithBackslashesTabsAndLineBreaksReadsBackAsSent() {
        // PostgreSQL's append streams rows in COPY's text format, where these characters are escapes
        Event sent = EventFixtures.event("id-\\N", "Order\tPaid", "2026-11-30T05:00:00Z", "shop\\front\nline\r2",
                "{\"note\": \"a\\\\N b\\t c\\n d \\\\ e\", \"path\": \"C:\\\\tmp\"}");
        store.append("order-1", ExpectedVersion.noStream(), List.of(sent));

        Event read = store.readStream("order-1", 0, 10, ReadDirection.FORWARD).get(0).event();
        assertThat(read.envelope()).isEqualTo(sent.envelope());
    }

    @Test
    void globalPositionsStartAtZeroAndAscendAcrossStreams() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 2));
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "c", 1));

        List<RecordedEvent> all = store.readAll(0, 100);
        assertThat(all).extracting(RecordedEvent::globalPosition).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(all).extracting(RecordedEvent::stream)
                .containsExactly("order-1", "order-1", "customer-1", "customer-1", "order-1");
        assertThat(store.headPosition()).isEqualTo(5);
    }

    @Test
    void appendResultCarriesTheVersionsAndPositionsOfEveryEvent() {
        store.append("other-1", ExpectedVersion.any(), many("customer-registered", "x", 2));

        AppendResult result = store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));

        assertThat(result.stream()).isEqualTo("order-1");
        assertThat(result.events()).extracting(AppendResult.Appended::streamVersion).containsExactly(0L, 1L, 2L);
        assertThat(result.events()).extracting(AppendResult.Appended::globalPosition).containsExactly(2L, 3L, 4L);
        assertThat(result.lastStreamVersion()).isEqualTo(2);
        assertThat(result.lastGlobalPosition()).isEqualTo(4);
        assertThat(result.duplicate()).isFalse();
    }

    @Test
    void storedEventKeepsEveryFieldOfTheEnvelope() {
        Event created = load("order-created");
        Event paid = load("order-paid");
        store.append("order-12345", ExpectedVersion.noStream(), List.of(created, paid));

        List<RecordedEvent> read = store.readStream("order-12345", 0, 10, ReadDirection.FORWARD);

        assertThat(read).extracting(RecordedEvent::event).containsExactly(created, paid);
        assertThat(read.get(0).recordedAt()).isNotNull();
    }

    @Test
    void storedEventReadsBackAsItWasSent() {
        Event sent = new io.edarouter.event.EventCodec().decode(("""
                {"eventId": "e-as-sent", "eventType": "OrderCreated", "timestamp": "2024-01-01T02:00:00.000+02:00",
                 "source": "shop", "data": {"customer.region": "eu", "amount": 1.50, "account": 12345678901234567890,
                 "coupon": null, "lines": [[1, 2], []]}, "metadata": null}
                """).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        store.append("order-as-sent", ExpectedVersion.any(), List.of(sent));

        Event read = store.readStream("order-as-sent", 0, 10, ReadDirection.FORWARD).get(0).event();

        assertThat(read).isEqualTo(sent);
        assertThat(read.timestamp()).isEqualTo("2024-01-01T02:00:00.000+02:00");
        assertThat(read.envelope().has("metadata")).as("metadata sent as null").isTrue();
        assertThat(new String(read.bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"amount\":1.50");
    }

    // ------------------------------------------------------------ expected version

    @Test
    void expectedVersionAnyAppendsWhateverTheStreamsVersion() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 1));
        AppendResult result = store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 1));

        assertThat(result.lastStreamVersion()).isEqualTo(1);
    }

    @Test
    void expectedNoStreamAppendsToANewStreamOnly() {
        store.append("order-1", ExpectedVersion.noStream(), many("order-created", "a", 1));

        assertThatThrownBy(() -> store.append("order-1", ExpectedVersion.noStream(), many("order-paid", "b", 1)))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.getStream()).isEqualTo("order-1");
                    assertThat(e.getExpected()).isEqualTo(ExpectedVersion.noStream());
                    assertThat(e.getActual()).isEqualTo(0);
                })
                .hasMessageContaining("order-1").hasMessageContaining("no_stream").hasMessageContaining("version 0");
    }

    @Test
    void expectedVersionsCountTheAppendsOfAnotherStoreOnTheSameDatabase() {
        // a second process appending to the stream between two appends of this one
        store.append("order-1", ExpectedVersion.noStream(), many("order-created", "a", 2));
        try (EventStore other = openStore()) {
            other.append("order-1", ExpectedVersion.exact(1), many("order-paid", "b", 1));
        }

        assertThatThrownBy(() -> store.append("order-1", ExpectedVersion.exact(1), many("order-paid", "c", 1)))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                        e -> assertThat(e.getActual()).isEqualTo(2));
        assertThat(store.append("order-1", ExpectedVersion.exact(2), many("order-paid", "c", 1))
                .events().get(0).streamVersion()).isEqualTo(3);
    }

    @Test
    void expectedStreamExistsRefusesAMissingStream() {
        assertThatThrownBy(() -> store.append("order-1", ExpectedVersion.streamExists(), many("order-paid", "b", 1)))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class,
                        e -> assertThat(e.getActual()).isEqualTo(-1))
                .hasMessageContaining("does not exist");

        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 1));
        assertThat(store.append("order-1", ExpectedVersion.streamExists(), many("order-paid", "b", 1))
                .lastStreamVersion()).isEqualTo(1);
    }

    @Test
    void expectedExactVersionAppendsOnlyAtThatVersion() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));

        assertThatThrownBy(() -> store.append("order-1", ExpectedVersion.exact(1), many("order-paid", "b", 1)))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.getExpected()).isEqualTo(ExpectedVersion.exact(1));
                    assertThat(e.getActual()).isEqualTo(2);
                });
        assertThat(store.append("order-1", ExpectedVersion.exact(2), many("order-paid", "b", 1))
                .lastStreamVersion()).isEqualTo(3);
    }

    @Test
    void wrongExpectedVersionStoresNothing() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 1));

        assertThatThrownBy(() -> store.append("order-1", ExpectedVersion.exact(5), many("order-paid", "b", 2)))
                .isInstanceOf(WrongExpectedVersionException.class);

        assertThat(store.readAll(0, 100)).hasSize(1);
        assertThat(store.headPosition()).isEqualTo(1);
    }

    @Test
    void expectedVersionParsesItsFourForms() {
        assertThat(ExpectedVersion.parse("any")).isEqualTo(ExpectedVersion.any());
        assertThat(ExpectedVersion.parse("no_stream")).isEqualTo(ExpectedVersion.noStream());
        assertThat(ExpectedVersion.parse("stream_exists")).isEqualTo(ExpectedVersion.streamExists());
        assertThat(ExpectedVersion.parse("7")).isEqualTo(ExpectedVersion.exact(7));
        assertThatThrownBy(() -> ExpectedVersion.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ idempotency

    @Test
    void reappendedEventIdIsAcknowledgedWithItsOriginalPositionsAndNotStoredTwice() {
        List<Event> events = many("order-created", "a", 2);
        AppendResult first = store.append("order-1", ExpectedVersion.any(), events);
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 1));

        AppendResult again = store.append("order-1", ExpectedVersion.any(), events);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.events()).extracting(AppendResult.Appended::globalPosition).containsExactly(0L, 1L);
        assertThat(again.lastStreamVersion()).isEqualTo(first.lastStreamVersion());
        assertThat(store.readAll(0, 100)).hasSize(3);
    }

    @Test
    void retriedAppendWithExpectedNoStreamIsAcknowledgedNotRefused() {
        List<Event> events = many("order-created", "a", 1);
        store.append("order-1", ExpectedVersion.noStream(), events);

        AppendResult retry = store.append("order-1", ExpectedVersion.noStream(), events);

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.lastGlobalPosition()).isEqualTo(0);
    }

    @Test
    void batchMixingStoredAndNewEventsStoresOnlyTheNewOnes() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));

        AppendResult result = store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 4));

        assertThat(result.events()).extracting(AppendResult.Appended::duplicate).containsExactly(true, true, false, false);
        assertThat(result.events()).extracting(AppendResult.Appended::streamVersion).containsExactly(0L, 1L, 2L, 3L);
        assertThat(store.readAll(0, 100)).hasSize(4);
    }

    @Test
    void sameEventIdTwiceInOneBatchIsStoredOnce() {
        Event event = load("order-created");

        AppendResult result = store.append("order-1", ExpectedVersion.any(), List.of(event, event));

        assertThat(result.events()).extracting(AppendResult.Appended::globalPosition).containsExactly(0L, 0L);
        assertThat(store.readAll(0, 100)).hasSize(1);
    }

    @Test
    void sameEventIdInAnotherStreamIsRefused() {
        Event event = load("order-created");
        store.append("order-1", ExpectedVersion.any(), List.of(event));

        assertThatThrownBy(() -> store.append("order-2", ExpectedVersion.any(), List.of(event)))
                .isInstanceOfSatisfying(DuplicateEventIdException.class, e -> {
                    assertThat(e.getEventId()).isEqualTo(event.eventId());
                    assertThat(e.getStoredStream()).isEqualTo("order-1");
                    assertThat(e.getRequestedStream()).isEqualTo("order-2");
                });
        assertThat(store.readStream("order-2", 0, 10, ReadDirection.FORWARD)).isEmpty();
    }

    @Test
    void sameEventIdInAnotherStreamIsRefusedWhenBothStreamsAreKnown() {
        // both streams' versions known to this store: the append inserts without looking the id up first
        Event event = load("order-created");
        store.append("order-1", ExpectedVersion.any(), List.of(event));
        store.append("order-2", ExpectedVersion.any(), many("order-paid", "b", 1));

        assertThatThrownBy(() -> store.append("order-2", ExpectedVersion.any(), List.of(event)))
                .isInstanceOfSatisfying(DuplicateEventIdException.class,
                        e -> assertThat(e.getStoredStream()).isEqualTo("order-1"));
        assertThat(store.readStream("order-2", 0, 10, ReadDirection.FORWARD)).hasSize(1);
        assertThat(store.append("order-2", ExpectedVersion.any(), many("order-paid", "c", 1)).lastStreamVersion())
                .isEqualTo(1);
    }

    // ------------------------------------------------------------ atomic batches

    @Test
    void batchIsStoredAllOrNothing() {
        Event stored = load("customer-registered");
        store.append("customer-1", ExpectedVersion.any(), List.of(stored));
        List<Event> batch = new java.util.ArrayList<>(many("order-created", "a", 3));
        batch.add(stored); // belongs to another stream: the whole batch is refused

        assertThatThrownBy(() -> store.append("order-1", ExpectedVersion.any(), batch))
                .isInstanceOf(DuplicateEventIdException.class);

        assertThat(store.readStream("order-1", 0, 10, ReadDirection.FORWARD)).isEmpty();
        assertThat(store.headPosition()).isEqualTo(1);
    }

    @Test
    void appendAllStoresManyStreamsInOneTransaction() {
        List<AppendResult> results = store.appendAll(List.of(
                StreamEvents.of("order-1", many("order-created", "a", 2)),
                StreamEvents.of("customer-1", many("customer-registered", "b", 1)),
                StreamEvents.of("order-1", many("order-paid", "c", 1))));

        assertThat(results).extracting(AppendResult::stream).containsExactly("order-1", "customer-1", "order-1");
        assertThat(results).extracting(AppendResult::lastStreamVersion).containsExactly(1L, 0L, 2L);
        assertThat(store.readAll(0, 100)).extracting(RecordedEvent::globalPosition).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void appendAllStoresNothingWhenOneStreamFails() {
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 1));

        assertThatThrownBy(() -> store.appendAll(List.of(
                StreamEvents.of("order-1", many("order-created", "a", 2)),
                new StreamEvents("customer-1", ExpectedVersion.noStream(), many("customer-registered", "c", 1)))))
                .isInstanceOf(WrongExpectedVersionException.class);

        assertThat(store.readAll(0, 100)).hasSize(1);
    }

    // ------------------------------------------------------------ reads

    @Test
    void readStreamForwardStartsAtAVersionAndStopsAtTheLimit() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 10));

        assertThat(store.readStream("order-1", 3, 4, ReadDirection.FORWARD))
                .extracting(RecordedEvent::streamVersion).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void readStreamBackwardStartsAtAVersionOrAtTheEnd() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 10));

        assertThat(store.readStream("order-1", 5, 3, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::streamVersion).containsExactly(5L, 4L, 3L);
        assertThat(store.readStream("order-1", -1, 2, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::streamVersion).containsExactly(9L, 8L);
    }

    @Test
    void readStreamOfAMissingStreamIsEmpty() {
        assertThat(store.readStream("order-404", 0, 10, ReadDirection.FORWARD)).isEmpty();
    }

    @Test
    void readAllStartsAtAGlobalPosition() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 3));

        assertThat(store.readAll(2, 3)).extracting(RecordedEvent::globalPosition).containsExactly(2L, 3L, 4L);
        assertThat(store.readAll(6, 3)).isEmpty();
    }

    @Test
    void readCategoryReturnsTheStreamsNamedBeforeTheFirstDash() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 1));
        store.append("order-2-eu", ExpectedVersion.any(), many("order-created", "c", 1));
        store.append("orders", ExpectedVersion.any(), many("order-created", "d", 1));

        List<RecordedEvent> orders = store.readCategory("order", 1, 10);

        assertThat(orders).extracting(RecordedEvent::stream).containsExactly("order-1", "order-2-eu");
        assertThat(orders).extracting(RecordedEvent::globalPosition).containsExactly(1L, 3L);
    }

    @Test
    void readEventTypeReturnsOnlyThatType() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 1));
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 1));
        store.append("order-2", ExpectedVersion.any(), many("order-paid", "c", 1));

        assertThat(store.readEventType("OrderPaid", 0, 10))
                .extracting(RecordedEvent::globalPosition).containsExactly(1L, 2L);
    }

    @Test
    void readAllCategoryAndEventTypeBackwardStartAtAPositionOrAtTheNewest() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 2));
        store.append("order-2", ExpectedVersion.any(), many("order-paid", "c", 2));

        assertThat(store.readAll(-1, 3, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::globalPosition).containsExactly(6L, 5L, 4L);
        assertThat(store.readAll(4, 10, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::globalPosition).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(store.readCategory("order", 4, 2, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::globalPosition).containsExactly(2L, 1L);
        assertThat(store.readCategory("order", -1, 10, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::globalPosition).containsExactly(6L, 5L, 2L, 1L, 0L);
        assertThat(store.readEventType("CustomerRegistered", -1, 10, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::globalPosition).containsExactly(4L, 3L);
        assertThat(store.readEventType("OrderPaid", 5, 10, ReadDirection.BACKWARD))
                .extracting(RecordedEvent::globalPosition).containsExactly(5L);
    }

    @Test
    void lagCountsTheEventsAFilterSelectsFromAPosition() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 2));
        store.append("order-2", ExpectedVersion.any(), many("order-paid", "c", 2));

        assertThat(store.lag(SubscriptionFilter.all(), 2)).isEqualTo(5);
        assertThat(store.lag(SubscriptionFilter.parse("$ce-order"), 2)).isEqualTo(3);
        assertThat(store.lag(SubscriptionFilter.parse("$et-CustomerRegistered"), 4)).isEqualTo(1);
        assertThat(store.lag(SubscriptionFilter.parse("$et-CustomerRegistered"), 5)).isZero();
        assertThat(store.lag(SubscriptionFilter.parse("order-1"), 1)).isEqualTo(2);
        assertThat(store.lag(SubscriptionFilter.parse("order-404"), 0)).isZero();
        assertThat(store.lag(SubscriptionFilter.all(), 7)).isZero();
    }

    // ------------------------------------------------------------ durability

    @Test
    void reopenedStoreKeepsItsEventsAndContinuesItsPositions() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));
        store.close();

        store = openStore();
        AppendResult result = store.append("order-1", ExpectedVersion.exact(1), many("order-paid", "b", 1));

        assertThat(result.lastGlobalPosition()).isEqualTo(2);
        assertThat(result.lastStreamVersion()).isEqualTo(2);
    }

    @Test
    void invalidStreamNamesAreRefused() {
        assertThatThrownBy(() -> store.append("$all", ExpectedVersion.any(), many("order-created", "a", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> store.append(" ", ExpectedVersion.any(), many("order-created", "a", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ subscriptions

    private Subscription subscribe(String name, String selector, EventHandler handler) {
        SubscriptionSettings settings = new SubscriptionSettings(name, SubscriptionFilter.parse(selector), 4,
                Duration.ofMillis(50), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));
        Subscription subscription = store.subscribe(settings, handler, executor);
        subscriptions.add(subscription);
        return subscription;
    }

    private static List<Long> positions(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    @Test
    void subscriptionDeliversHistoryThenLiveAppendsInGlobalOrder() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 6));
        List<Long> received = new CopyOnWriteArrayList<>();

        subscribe("history-then-live", "$all", event -> received.add(event.globalPosition()));
        await().until(() -> received.size() == 6);
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 3));

        await().untilAsserted(() -> assertThat(received).containsExactlyElementsOf(positions(0, 9)));
    }

    @Test
    void subscriptionResumesAfterRestartFromItsCheckpointWithNothingSkippedOrRepeated() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 20));
        List<Long> received = new CopyOnWriteArrayList<>();
        Subscription first = subscribe("resume", "$all", event -> received.add(event.globalPosition()));
        await().until(() -> received.size() >= 5);
        first.close();
        store.close();
        int beforeRestart = received.size();

        store = openStore();
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 5));
        subscribe("resume", "$all", event -> received.add(event.globalPosition()));

        await().untilAsserted(() -> assertThat(received).containsExactlyElementsOf(positions(0, 25)));
        assertThat(beforeRestart).isLessThan(25);
        // the checkpoint is saved after the handler returns
        await().untilAsserted(() -> assertThat(store.subscriptions()).singleElement()
                .satisfies(checkpoint -> assertThat(checkpoint.position()).isEqualTo(25)));
    }

    @Test
    void failedHandlerGetsTheSameEventAgainAndTheCheckpointWaitsForIt() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));
        List<Long> received = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOnPosition1 = new AtomicInteger();

        subscribe("retry", "$all", event -> {
            if (event.globalPosition() == 1 && attemptsOnPosition1.incrementAndGet() < 3) {
                throw new IllegalStateException("subscriber down");
            }
            received.add(event.globalPosition());
        });

        await().untilAsserted(() -> assertThat(received).containsExactly(0L, 1L, 2L));
        assertThat(attemptsOnPosition1).hasValue(3);
        await().untilAsserted(() -> assertThat(store.subscriptions()).singleElement()
                .satisfies(checkpoint -> assertThat(checkpoint.position()).isEqualTo(3)));
    }

    @Test
    void streamCategoryAndEventTypeSubscriptionsReceiveOnlyTheirEvents() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));
        store.append("customer-1", ExpectedVersion.any(), many("customer-registered", "b", 1));
        store.append("order-2", ExpectedVersion.any(), many("order-paid", "c", 1));
        List<Long> stream = new CopyOnWriteArrayList<>();
        List<Long> category = new CopyOnWriteArrayList<>();
        List<Long> type = new CopyOnWriteArrayList<>();

        subscribe("one-stream", "order-1", event -> stream.add(event.globalPosition()));
        subscribe("one-category", "$ce-order", event -> category.add(event.globalPosition()));
        subscribe("one-type", "$et-CustomerRegistered", event -> type.add(event.globalPosition()));
        store.append("customer-2", ExpectedVersion.any(), many("customer-registered", "d", 1));
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "e", 1));

        await().untilAsserted(() -> {
            assertThat(stream).containsExactly(0L, 1L, 5L);
            assertThat(category).containsExactly(0L, 1L, 3L, 5L);
            assertThat(type).containsExactly(2L, 4L);
        });
    }

    @Test
    void aSubscriptionRecordsWhatItSelects() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 1));

        subscribe("one-type", "$et-OrderCreated", event -> { });

        await().untilAsserted(() -> assertThat(store.subscriptions()).singleElement()
                .satisfies(checkpoint -> assertThat(checkpoint.filter()).isEqualTo(SubscriptionFilter.parse("$et-OrderCreated"))));
    }

    @Test
    void secondInstanceOfASubscriptionStandsByUntilTheFirstCloses() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 3));
        List<Long> first = new CopyOnWriteArrayList<>();
        List<Long> second = new CopyOnWriteArrayList<>();
        Subscription active = subscribe("single", "$all", event -> first.add(event.globalPosition()));
        await().until(() -> first.size() == 3);

        Subscription standby = subscribe("single", "$all", event -> second.add(event.globalPosition()));
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 2));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> !standby.isActive() && second.isEmpty());
        active.close();
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "c", 2));

        await().untilAsserted(() -> assertThat(second).containsExactly(5L, 6L));
        assertThat(first).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void checkpointMovedBackWhileRunningIsTakenUpWithoutARestart() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 4));
        List<Long> received = new CopyOnWriteArrayList<>();
        subscribe("rewind", "$all", event -> received.add(event.globalPosition()));
        await().until(() -> received.size() == 4);

        store.setCheckpoint("rewind", 1);

        await().untilAsserted(() -> assertThat(received).containsExactly(0L, 1L, 2L, 3L, 1L, 2L, 3L));
        await().untilAsserted(() -> assertThat(store.subscriptions()).singleElement()
                .satisfies(checkpoint -> assertThat(checkpoint.position()).isEqualTo(4)));
    }

    @Test
    void checkpointDoesNotPassAnEventTheHandlerHasNotFinished() {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 5));
        java.util.concurrent.atomic.AtomicLong unfinished = new java.util.concurrent.atomic.AtomicLong(2);
        List<Long> received = new CopyOnWriteArrayList<>();
        subscribe("hold", "$all", new EventHandler() {
            @Override
            public void handle(RecordedEvent event) {
                received.add(event.globalPosition());
            }

            @Override
            public long lowestUnfinishedPosition() {
                return unfinished.get();
            }
        });
        await().until(() -> received.size() == 5);
        await().during(Duration.ofMillis(300)).until(() -> store.subscriptions().get(0).position() == 2);

        unfinished.set(Long.MAX_VALUE);

        await().until(() -> store.subscriptions().get(0).position() == 5);
    }

    @Test
    void positionAtIsTheFirstEventRecordedAtOrAfterATime() throws Exception {
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 2));
        Thread.sleep(5); // recorded_at has microseconds: the next append is recorded strictly later
        java.time.Instant between = java.time.Instant.now();
        Thread.sleep(5);
        store.append("order-1", ExpectedVersion.any(), many("order-paid", "b", 2));

        assertThat(store.positionAt(java.time.Instant.EPOCH)).isEqualTo(0);
        assertThat(store.positionAt(between)).isEqualTo(2);
        assertThat(store.positionAt(java.time.Instant.now().plusSeconds(60))).isEqualTo(4);
    }

    // ------------------------------------------------------------ dead letters

    @Test
    void deadLettersAreRecordedListedByKindAndMarkedRedriven() {
        byte[] original = "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long ingest = store.deadLetters().record(DeadLetter.ingest("order-events", 2, 41L, null, "decode",
                "not JSON", null, original, java.util.Map.of("kafka.KEY", "order-1")));
        store.append("order-1", ExpectedVersion.any(), many("order-created", "a", 1));
        RecordedEvent stored = store.readAll(0, 1).get(0);
        long subscriber = store.deadLetters().record(DeadLetter.subscriber("billing", stored, "HTTP 503", 8,
                new byte[] {1, 2}, java.util.Map.of()));

        assertThat(store.deadLetters().list(DeadLetter.Kind.INGEST, null, false, false, 10)).singleElement()
                .satisfies(d -> {
                    assertThat(d.id()).isEqualTo(ingest);
                    assertThat(d.reason()).isEqualTo("not JSON");
                    assertThat(d.sourceTopic()).isEqualTo("order-events");
                    assertThat(d.sourcePartition()).isEqualTo(2);
                    assertThat(d.sourceOffset()).isEqualTo(41L);
                    assertThat(d.payload()).isNull();
                    assertThat(d.headers()).containsEntry("kafka.KEY", "order-1");
                });
        assertThat(store.deadLetters().find(ingest)).get().satisfies(d -> assertThat(d.payload()).isEqualTo(original));
        assertThat(store.deadLetters().list(null, "billing", true, true, 10)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(subscriber);
            assertThat(d.kind()).isEqualTo(DeadLetter.Kind.SUBSCRIBER);
            assertThat(d.attempts()).isEqualTo(8);
            assertThat(d.globalPosition()).isEqualTo(0L);
            assertThat(d.stream()).isEqualTo("order-1");
            assertThat(d.eventId()).isEqualTo("a-0");
        });

        store.deadLetters().markRedriven(subscriber);

        assertThat(store.deadLetters().list(null, "billing", true, false, 10)).isEmpty();
        assertThat(store.deadLetters().find(subscriber)).get().satisfies(d -> assertThat(d.redrivenAt()).isNotNull());
    }
}
