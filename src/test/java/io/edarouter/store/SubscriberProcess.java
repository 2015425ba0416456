package io.edarouter.store;

import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A subscriber in its own JVM, for the tests of one-active-instance across processes. Arguments: JDBC URL,
 * user, subscription name, milliseconds each event takes. Prints {@code ACTIVE} when it becomes the active
 * instance and {@code EVENT <globalPosition>} after handling each event; runs until killed.
 */
public final class SubscriberProcess {

    private SubscriberProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String name = args[2];
        long handleMillis = Long.parseLong(args[3]);
        EventStore store = JdbcEventStore.open(url, user, "", 2);
        SubscriptionSettings settings = new SubscriptionSettings(name, SubscriptionFilter.all(), 50,
                Duration.ofMillis(100), new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
        Subscription subscription = store.subscribe(settings, event -> {
            Thread.sleep(handleMillis);
            System.out.println("EVENT " + event.globalPosition());
            System.out.flush();
        }, Executors.newSingleThreadExecutor());
        while (!subscription.isActive()) {
            Thread.sleep(20);
        }
        System.out.println("ACTIVE");
        System.out.flush();
        Thread.currentThread().join();
    }
}
