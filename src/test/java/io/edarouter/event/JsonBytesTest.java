package io.edarouter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Jackson is the reference: for any tree, the bytes are those its mapper writes. */
class JsonBytesTest {

    private static final JsonNodeFactory NODES = Event.JSON.getNodeFactory();

    @Test
    void writesWhatJacksonWritesForEachKindOfValue() throws Exception {
        ObjectNode tree = NODES.objectNode();
        tree.put("plain", "order-1");
        tree.put("quote \" and \\ backslash", "line\nbreak\ttab\u0001\u001f \"q\" \\ / \u007f");
        tree.put("unicode", "é 中文 😀 \u2028");
        tree.put("empty", "");
        tree.put("int", -42);
        tree.put("long", Long.MAX_VALUE);
        tree.put("bigInteger", new BigInteger("123456789012345678901234567890"));
        tree.put("decimal", new BigDecimal("1.50"));
        tree.put("exponent", new BigDecimal("1E+3"));
        tree.put("double", 0.1);
        tree.put("float", 3.25f);
        tree.put("true", true);
        tree.put("false", false);
        tree.putNull("null");
        tree.putObject("emptyObject");
        tree.putArray("emptyArray");
        tree.putArray("array").add(1).add("two").addNull().addObject().put("three", 3);
        tree.putObject("nested").putObject("deeper").putArray("deepest").add(new BigDecimal("-0.0"));
        tree.put("binary", new byte[] {1, 2, 3});
        tree.putPOJO("pojo", java.util.Map.of("a", 1));

        assertThat(new String(JsonBytes.write(Event.JSON, tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(Event.JSON.writeValueAsBytes(tree), StandardCharsets.UTF_8));
        for (JsonNode value : tree) {
            assertThat(JsonBytes.write(Event.JSON, value)).isEqualTo(Event.JSON.writeValueAsBytes(value));
        }
    }

    @Test
    void writesWhatJacksonWritesForRandomTrees() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            JsonNode tree = randomValue(random, 0);
            assertThat(JsonBytes.write(Event.JSON, tree)).as("tree %s", tree).isEqualTo(Event.JSON.writeValueAsBytes(tree));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.textNode(randomText(random));
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(BigDecimal.valueOf(random.nextLong(), random.nextInt(12) - 4));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 6 -> {
                ObjectNode object = NODES.objectNode();
                for (int f = random.nextInt(5); f > 0; f--) {
                    object.set(randomText(random), randomValue(random, depth + 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int e = random.nextInt(5); e > 0; e--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int c = random.nextInt(12); c > 0; c--) {
            text.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0x80 + random.nextInt(0x800);
                default -> 0x10000 + random.nextInt(0x1000);
            });
        }
        return text.toString();
    }
}
