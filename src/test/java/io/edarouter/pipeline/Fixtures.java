package io.edarouter.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed's example event from {@code src/test/resources/events/}, with the ids a test needs. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] orderCreated(String eventId, String orderId, double amount) {
        String template = read("seed-order-created.json");
        return template
                .replace("7f1c2f9e-3b1a-4c5d-9e8f-1a2b3c4d5e6f", eventId)
                .replace("\"12345\"", "\"" + orderId + "\"")
                .replace("99.99", amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
