package io.edarouter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's load: envelope events of about 1 KB (an order snapshot: items, shipping address, customer) over
 * {@code streams} streams {@code order-<n>}. Each next event picks a stream at random (seeded, so every run and every
 * contender gets the same sequence) and continues that order's life: {@code OrderCreated}, {@code OrderPaid},
 * {@code OrderShipped}, then a re-order created again; so the three types are mixed evenly at any moment and each
 * stream's events are in order ({@code data.seq} is the event's place in its stream).
 *
 * <p>{@code data.sentAtMicros} is the producer's send time (epoch microseconds, {@link #nowMicros()}) and
 * {@code data.phase} says whether the event is part of the preloaded {@code load} or of the paced {@code latency}
 * phase. Amounts stay under the shipped fraud-review threshold (1000), so only {@code OrderCreated} is dispatched,
 * by the router and by the baselines alike.
 */
final class OrderEvents {

    static final String CREATED = "OrderCreated";
    static final String PAID = "OrderPaid";
    static final String SHIPPED = "OrderShipped";
    private static final String[] TYPES = {CREATED, PAID, SHIPPED};

    private static final String[] PRODUCTS = {
        "Stainless steel water bottle 750 ml", "Organic cotton t-shirt, navy, size M", "Wireless earbuds with case",
        "Ceramic pour-over coffee dripper", "Hardcover notebook, dotted, A5", "Trail running socks, 3 pairs",
        "Bamboo cutting board, large", "USB-C charging cable 2 m", "Cast iron skillet 26 cm", "LED desk lamp, dimmable"};
    private static final String[] STREETS = {"Hauptstrasse", "Rue de la Paix", "Calle Mayor", "Via Roma", "Kingsway",
        "Keizersgracht", "Storgatan", "Ringstrasse"};
    private static final String[] CITIES = {"Berlin", "Paris", "Madrid", "Rome", "London", "Amsterdam", "Stockholm",
        "Vienna"};
    private static final String[] COUNTRIES = {"DE", "FR", "ES", "IT", "GB", "NL", "SE", "AT"};
    private static final String[] CARRIERS = {"DHL", "UPS", "DPD", "GLS", "PostNL"};
    private static final String[] METHODS = {"card", "paypal", "sepa_debit", "klarna"};

    /** Epoch microseconds = this + {@code System.nanoTime() / 1000}: one monotonic clock for senders and readers. */
    private static final long MICROS_OFFSET = System.currentTimeMillis() * 1000 - System.nanoTime() / 1000;

    private final int streams;
    private final int[] nextSeq;
    private final SplittableRandom random;
    private final long idPrefix;
    private long index;

    OrderEvents(int streams, long seed) {
        this.streams = streams;
        this.nextSeq = new int[streams];
        this.random = new SplittableRandom(seed);
        this.idPrefix = new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong();
    }

    /** Epoch microseconds from a monotonic clock, the time base of {@code data.sentAtMicros} and of arrivals. */
    static long nowMicros() {
        return MICROS_OFFSET + System.nanoTime() / 1000;
    }

    /** One event: its key (the stream), type and JSON bytes. */
    record OrderEvent(String stream, String eventType, String eventId, byte[] json) {

        boolean dispatched() {
            return CREATED.equals(eventType);
        }
    }

    /** The next event of the sequence, sent at {@code sentAtMicros}. */
    OrderEvent next(String phase, long sentAtMicros) {
        int s = random.nextInt(streams);
        int seq = nextSeq[s]++;
        String type = TYPES[seq % TYPES.length];
        String eventId = new UUID(idPrefix, index++).toString();
        String stream = "order-" + s;
        // the order's snapshot depends on the order (stream) and its round, so paid/shipped repeat what was created
        SplittableRandom order = new SplittableRandom(((long) s << 20) ^ (seq / 3));
        long customer = order.nextLong(50_000);
        StringBuilder json = new StringBuilder(1200)
                .append("{\"eventId\":\"").append(eventId)
                .append("\",\"eventType\":\"").append(type)
                .append("\",\"timestamp\":\"").append(Instant.ofEpochSecond(sentAtMicros / 1_000_000,
                        sentAtMicros % 1_000_000 * 1000))
                .append("\",\"source\":\"order-service\",\"subject\":\"").append(stream)
                .append("\",\"correlationId\":\"checkout-").append(s).append('-').append(seq / 3)
                .append("\",\"data\":{\"orderId\":\"").append(s)
                .append("\",\"customerId\":\"C").append(customer)
                .append("\",\"seq\":").append(seq)
                .append(",\"phase\":\"").append(phase)
                .append("\",\"sentAtMicros\":").append(sentAtMicros)
                .append(",\"contact\":{\"email\":\"c").append(customer).append("@example.com\",\"phone\":\"+49 30 ")
                .append(1_000_000 + order.nextInt(8_999_999)).append("\",\"locale\":\"de-DE\",\"marketingOptIn\":")
                .append(order.nextBoolean()).append('}')
                .append(",\"currency\":\"EUR\",\"channel\":\"").append(order.nextBoolean() ? "web" : "mobile-app")
                .append("\",\"items\":[");
        int items = 3 + order.nextInt(2);
        long cents = 0;
        for (int i = 0; i < items; i++) {
            int product = order.nextInt(PRODUCTS.length);
            int quantity = 1 + order.nextInt(3);
            int unitCents = 499 + order.nextInt(4_000);
            cents += (long) quantity * unitCents;
            json.append(i == 0 ? "" : ",")
                    .append("{\"sku\":\"SKU-").append(10_000 + product * 37).append("\",\"name\":\"")
                    .append(PRODUCTS[product]).append("\",\"quantity\":").append(quantity)
                    .append(",\"unitPrice\":").append(unitCents / 100).append('.').append(pad2(unitCents % 100))
                    .append('}');
        }
        cents = Math.min(cents, 99_999);
        int place = order.nextInt(CITIES.length);
        json.append("],\"amount\":").append(cents / 100).append('.').append(pad2((int) (cents % 100)))
                .append(",\"shippingAddress\":{\"name\":\"Customer C").append(customer)
                .append("\",\"street\":\"").append(STREETS[place]).append(' ').append(1 + order.nextInt(200))
                .append("\",\"postalCode\":\"").append(10_000 + order.nextInt(89_999))
                .append("\",\"city\":\"").append(CITIES[place])
                .append("\",\"country\":\"").append(COUNTRIES[place]).append("\"}");
        switch (type) {
            case CREATED -> json.append(",\"promotion\":{\"code\":\"SPRING").append(order.nextInt(100))
                    .append("\",\"discountPercent\":").append(order.nextInt(20)).append("},\"giftWrap\":")
                    .append(order.nextInt(10) == 0);
            case PAID -> json.append(",\"payment\":{\"method\":\"").append(METHODS[order.nextInt(METHODS.length)])
                    .append("\",\"provider\":\"psp-eu\",\"transactionId\":\"txn_").append(Long.toHexString(order.nextLong()))
                    .append("\",\"capturedAt\":\"").append(Instant.ofEpochSecond(sentAtMicros / 1_000_000)).append("\"}");
            default -> json.append(",\"shipment\":{\"carrier\":\"").append(CARRIERS[order.nextInt(CARRIERS.length)])
                    .append("\",\"trackingNumber\":\"TRK").append(Long.toHexString(order.nextLong()).toUpperCase())
                    .append("\",\"warehouse\":\"WH-").append(CITIES[place].toUpperCase()).append("-1\",\"parcels\":")
                    .append(1 + order.nextInt(2)).append('}');
        }
        json.append("}}");
        return new OrderEvent(stream, type, eventId, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String pad2(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }
}
