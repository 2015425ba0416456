package io.edarouter.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code -Dbench.schemas=true}: the router under test validates every event's data against a registered schema of
 * its type (docs/schemas.md), written here for the benchmark's orders (types, required fields, formats, bounds, the
 * items array); {@code -Dbench.schemas=false}: validation off ({@code eda.schemas.mode=off}); unset: the router's
 * defaults. Comparing the first two is the cost of validation at the door.
 */
final class BenchSchemas {

    private static final String ORDER = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "required":["orderId","customerId","seq","amount","currency","items","shippingAddress"],
             "properties":{
               "orderId":{"type":"string","minLength":1},"customerId":{"type":"string","pattern":"^C[0-9]+$"},
               "seq":{"type":"integer","minimum":0},"phase":{"enum":["load","latency"]},
               "sentAtMicros":{"type":"integer"},
               "contact":{"type":"object","required":["email"],"properties":{
                 "email":{"type":"string","format":"email"},"phone":{"type":"string"},"locale":{"type":"string"},
                 "marketingOptIn":{"type":"boolean"}}},
               "currency":{"type":"string","minLength":3,"maxLength":3},"channel":{"enum":["web","mobile-app"]},
               "items":{"type":"array","minItems":1,"items":{"type":"object","required":["sku","quantity","unitPrice"],
                 "properties":{"sku":{"type":"string"},"name":{"type":"string"},
                   "quantity":{"type":"integer","minimum":1},"unitPrice":{"type":"number","minimum":0}}}},
               "amount":{"type":"number","minimum":0},
               "shippingAddress":{"type":"object","required":["street","postalCode","city","country"]}}}""";

    private BenchSchemas() {
    }

    /** Adds the keys of {@code bench.schemas} to the router's keys. */
    static void apply(Map<String, String> keys) {
        String setting = System.getProperty("bench.schemas");
        if (setting == null) {
            return;
        }
        if (!Boolean.parseBoolean(setting)) {
            keys.put("eda.schemas.mode", "off");
            return;
        }
        try {
            Path dir = Files.createTempDirectory("bench-schemas-");
            for (String type : List.of("OrderCreated", "OrderPaid", "OrderShipped")) {
                Files.createDirectories(dir.resolve(type));
                Files.writeString(dir.resolve(type).resolve("1.json"), ORDER);
            }
            keys.put("eda.schemas.dir", dir.toString());
            keys.put("eda.schemas.mode", "registered-only");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's schemas", e);
        }
    }
}
