package io.edarouter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the generated tables of the docs pages, between {@code <!-- generated:NAME -->} and {@code <!-- end -->}:
 * <ul>
 * <li>{@code SCHEME-options}, {@code SCHEME-component-options}, {@code SCHEME-headers}: a component's endpoint
 * options, its component-level options (as {@code camel.component.SCHEME.*} keys) and its headers, from the JSON
 * schema camel-component-maven-plugin builds from the {@code @UriParam}/{@code @Metadata} options and their javadoc
 * ({@code META-INF/<package>/SCHEME.json} in the classes folder);</li>
 * <li>{@code eda-keys}, {@code camel-keys}: the {@code eda.*} keys and the other keys of the defaults files, each
 * described by the comment lines above it ({@link DescribedProperties}).</li>
 * </ul>
 * Run by {@code DocsTablesTest} on every build; {@link #main} writes the pages:
 * {@code --docs docs --classes target/classes --defaults FILE [--defaults FILE ...]}.
 */
public final class DocsTables {

    private static final Pattern MARKER =
            Pattern.compile("(<!-- generated:([a-z0-9-]+) -->\n)(.*?)(<!-- end -->)", Pattern.DOTALL);
    /** Options every Camel endpoint or component has; Camel documents them, the tables leave them out. */
    private static final Set<String> CAMEL_COMMON_OPTIONS =
            Set.of("bridgeErrorHandler", "exceptionHandler", "exchangePattern", "lazyStartProducer", "autowiredEnabled");
    /** What Camel's javadoc sanitizer leaves of a {@code {@code ...}} it could not reduce (one level of braces inside). */
    private static final Pattern SANITIZED_CODE = Pattern.compile("\\{code ((?:[^{}]|\\{[^{}]*})*)}");

    private final Map<String, JsonNode> schemas;
    private final List<DescribedProperties.Key> keys;

    DocsTables(Path classes, List<Path> defaultsFiles) throws IOException {
        this.schemas = schemas(classes);
        this.keys = new ArrayList<>();
        for (Path file : defaultsFiles) {
            keys.addAll(DescribedProperties.read(file));
        }
    }

    public static void main(String[] args) throws IOException {
        Path docs = Path.of("docs");
        Path classes = Path.of("target/classes");
        List<Path> defaults = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--docs" -> docs = Path.of(args[i + 1]);
                case "--classes" -> classes = Path.of(args[i + 1]);
                case "--defaults" -> defaults.add(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --docs DIR, --classes DIR, --defaults FILE (repeatable)");
            }
        }
        DocsTables tables = new DocsTables(classes, defaults);
        for (Map.Entry<Path, String> page : tables.pages(docs).entrySet()) {
            if (!page.getValue().equals(Files.readString(page.getKey()))) {
                Files.writeString(page.getKey(), page.getValue());
                System.out.println("updated " + page.getKey());
            }
        }
    }

    /** The component schemes whose schema the classes folder holds. */
    Set<String> schemes() {
        return schemas.keySet();
    }

    List<DescribedProperties.Key> keys() {
        return keys;
    }

    /** Each Markdown page of the folder as it should be, its generated tables filled in; pages in name order. */
    Map<Path, String> pages(Path docs) throws IOException {
        Map<Path, String> pages = new TreeMap<>();
        try (Stream<Path> files = Files.list(docs)) {
            for (Iterator<Path> it = files.filter(f -> f.toString().endsWith(".md")).iterator(); it.hasNext(); ) {
                Path page = it.next();
                pages.put(page, fill(page, Files.readString(page, StandardCharsets.UTF_8)));
            }
        }
        return pages;
    }

    /** The names of the generated tables a page holds. */
    static List<String> tableNames(String page) {
        List<String> names = new ArrayList<>();
        Matcher marker = MARKER.matcher(page);
        while (marker.find()) {
            names.add(marker.group(2));
        }
        return names;
    }

    private String fill(Path page, String text) {
        Matcher marker = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (marker.find()) {
            String table = table(page, marker.group(2));
            marker.appendReplacement(out, Matcher.quoteReplacement(marker.group(1) + table + marker.group(4)));
        }
        marker.appendTail(out);
        return out.toString();
    }

    private String table(Path page, String name) {
        if (name.equals("eda-keys")) {
            return keysTable(key -> key.name().startsWith("eda."));
        }
        if (name.equals("camel-keys")) {
            return keysTable(key -> !key.name().startsWith("eda."));
        }
        for (String kind : List.of("-component-options", "-options", "-headers")) {
            if (name.endsWith(kind)) {
                String scheme = name.substring(0, name.length() - kind.length());
                JsonNode schema = schemas.get(scheme);
                if (schema == null) {
                    throw new IllegalStateException(page + ": table '" + name + "': no JSON schema of component '"
                            + scheme + "' among " + schemas.keySet() + " (camel-component-maven-plugin writes them"
                            + " in process-classes: run mvn process-classes)");
                }
                return switch (kind) {
                    case "-component-options" -> componentOptionsTable(scheme, schema);
                    case "-options" -> optionsTable(schema);
                    default -> headersTable(schema);
                };
            }
        }
        throw new IllegalStateException(page + ": unknown generated table '" + name + "'; known: eda-keys, camel-keys,"
                + " SCHEME-options, SCHEME-component-options, SCHEME-headers");
    }

    private String keysTable(Predicate<DescribedProperties.Key> which) {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n| --- | --- | --- |\n");
        for (DescribedProperties.Key key : keys) {
            if (which.test(key)) {
                String value = key.value().isEmpty() ? "*(unset)*" : code(key.value());
                table.append("| `").append(key.name()).append("` | ").append(value).append(" | ")
                        .append(cell(key.description())).append(" |\n");
            }
        }
        return table.toString();
    }

    private static String optionsTable(JsonNode schema) {
        StringBuilder table = new StringBuilder("| option | default | description | type |\n| --- | --- | --- | --- |\n");
        List<String> common = new ArrayList<>();
        schema.get("properties").properties().forEach(option -> {
            if (CAMEL_COMMON_OPTIONS.contains(option.getKey())) {
                common.add(option.getKey());
                return;
            }
            JsonNode o = option.getValue();
            List<String> notes = new ArrayList<>();
            if ("path".equals(o.path("kind").asText())) {
                notes.add("path");
            }
            if (o.path("required").asBoolean()) {
                notes.add("required");
            }
            String name = "`" + option.getKey() + "`" + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
            table.append(row(name, o));
        });
        if (!common.isEmpty()) {
            table.append("\nCamel's options of every endpoint work as in Camel: ")
                    .append(String.join(", ", common.stream().map(c -> "`" + c + "`").toList())).append(".\n");
        }
        return table.toString();
    }

    /** The component's own options; those that only set the defaults of the endpoint options are in that table. */
    private static String componentOptionsTable(String scheme, JsonNode schema) {
        StringBuilder table = new StringBuilder("| key | default | description | type |\n| --- | --- | --- | --- |\n");
        schema.get("componentProperties").properties().forEach(option -> {
            if (!CAMEL_COMMON_OPTIONS.contains(option.getKey()) && !schema.get("properties").has(option.getKey())) {
                table.append(row("`camel.component." + scheme + "." + kebab(option.getKey()) + "`", option.getValue()));
            }
        });
        return table.toString();
    }

    private static String headersTable(JsonNode schema) {
        StringBuilder table = new StringBuilder("| header | description | type |\n| --- | --- | --- |\n");
        schema.path("headers").properties().forEach(header -> table.append("| `").append(header.getKey()).append("` | ")
                .append(cell(description(header.getValue()))).append(" | ")
                .append(type(header.getValue())).append(" |\n"));
        return table.toString();
    }

    private static String row(String name, JsonNode option) {
        String defaultValue = option.has("defaultValue") ? code(option.get("defaultValue").asText()) : "";
        return "| " + name + " | " + defaultValue + " | " + cell(description(option)) + " | " + type(option) + " |\n";
    }

    private static String description(JsonNode option) {
        String description = option.path("description").asText("").strip();
        if (description.isEmpty()) {
            throw new IllegalStateException("no description: " + option);
        }
        return SANITIZED_CODE.matcher(description).replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1) + "`"));
    }

    /**
     * The Java type, which is what the option accepts (a {@code javaType} that the annotation declares, such as a
     * Duration on a long field, is not: the components bind options by reflection onto the field's type).
     */
    private static String type(JsonNode option) {
        if (option.has("enum")) {
            List<String> values = new ArrayList<>();
            option.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
            return "one of " + String.join(", ", values);
        }
        String javaType = option.path("javaType").asText();
        return javaType.substring(javaType.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static String code(String value) {
        return value.isEmpty() ? "" : "`" + value + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, JsonNode> schemas(Path classes) throws IOException {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        Path root = classes.resolve("META-INF");
        if (!Files.isDirectory(root)) {
            return schemas;
        }
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(f -> {
                try {
                    JsonNode schema = mapper.readTree(f.toFile());
                    if ("component".equals(schema.path("component").path("kind").asText())) {
                        schemas.put(schema.get("component").get("scheme").asText(), schema);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(f.toString(), e);
                }
            });
        }
        return schemas;
    }
}
