package io.edarouter.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edarouter.testsupport.KafkaTopics;
import io.edarouter.testsupport.RouterHarness;
import io.edarouter.testsupport.RouterRun;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A corpus of hostile and malformed inputs (src/test/resources/hostile/corpus.tsv, plus generated ones
 * over each limit) sent to the Kafka pipeline: each lands on the dead-letter topic with its original
 * bytes and a reason naming what is wrong, and a good event sent after them is stored.
 */
class HostileInputIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final RouterRun RUN = RouterRun.onKafka().with(Map.of(
            "eda.event.max-bytes", "65536",
            "eda.event.max-depth", "16",
            "eda.event.max-string-chars", "8192",
            "eda.event.max-fields", "1000"));
    private static final String INPUT = RUN.input();
    private static final String DEAD_LETTER = RUN.deadLetter();
    private static final String ENVELOPE_HEAD = "{\"eventId\":\"g-1\",\"eventType\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"source\":\"s\",\"data\":";

    @RegisterExtension
    static final RouterHarness router = RouterHarness.forClass(RUN);

    private final KafkaTopics kafka = RUN.kafka().topics();

    record Case(String name, String stage, String reason, byte[] input) {
    }

    @Test
    void everyHostileInputIsDeadLetteredWithASpecificReasonAndGoodEventsKeepFlowing() throws IOException {
        List<Case> corpus = new ArrayList<>(readCorpus());
        corpus.addAll(generated());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(20);
        String goodId = UUID.randomUUID().toString();

        for (Case c : corpus) {
            kafka.send(INPUT, c.name(), c.input());
        }
        kafka.send(INPUT, "good", Fixtures.orderCreated(goodId, "31337", 10));

        await().atMost(TIMEOUT).until(() -> !router.storedWithId(goodId).isEmpty());
        List<ConsumerRecord<String, byte[]>> letters = kafka.awaitRecord(DEAD_LETTER,
                r -> corpus.get(corpus.size() - 1).name().equals(r.key()), TIMEOUT);
        for (Case c : corpus) {
            ConsumerRecord<String, byte[]> letter = letters.stream().filter(r -> c.name().equals(r.key())).findFirst()
                    .orElseThrow(() -> new AssertionError("no dead letter for " + c.name()));
            assertThat(letter.value()).as(c.name() + ": original bytes").isEqualTo(c.input());
            assertThat(header(letter, "eda-error-stage")).as(c.name() + ": stage").isEqualTo(c.stage());
            assertThat(header(letter, "eda-error-reason")).as(c.name() + ": reason").contains(c.reason());
        }
    }

    private static List<Case> generated() {
        return List.of(
                new Case("over-max-bytes", "decode", "over the limit of 65536 bytes (eda.event.max-bytes)",
                        envelope("{\"blob\":\"" + "x".repeat(70_000) + "\"}")),
                new Case("over-max-depth", "decode", "eda.event.max-depth=16",
                        envelope("{\"a\":".repeat(40) + "1" + "}".repeat(40))),
                new Case("over-max-string-chars", "decode", "eda.event.max-string-chars=8192",
                        envelope("{\"note\":\"" + "y".repeat(10_000) + "\"}")),
                new Case("enormous-array", "decode", "more than 1000 values (eda.event.max-fields)",
                        envelope("{\"items\":[" + "0,".repeat(5_000) + "0]}")),
                new Case("too-many-fields", "decode", "more than 1000 values (eda.event.max-fields)",
                        envelope(manyFields(2_000))));
    }

    private static byte[] envelope(String data) {
        return (ENVELOPE_HEAD + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String manyFields(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    private static List<Case> readCorpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/corpus.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 4);
                cases.add(new Case(columns[0], columns[1], columns[2], unescape(columns.length > 3 ? columns[3] : "")));
            }
        }
        return cases;
    }

    /** The corpus' text with each {@code \xHH} replaced by that raw byte. */
    private static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\x", i)) {
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.writeBytes(String.valueOf(text.charAt(i)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
