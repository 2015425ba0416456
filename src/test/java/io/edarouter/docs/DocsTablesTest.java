package io.edarouter.docs;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.edarouter.observe.EdaMeters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The docs' option and key tables are what the code declares: each component option's {@code @UriParam} javadoc and
 * each key's comment in the defaults file(s) is written once, and the tables are generated from them. A page whose
 * table differs fails the build; {@code mvn -o -q test -Dtest=DocsTablesTest -Ddocs.write=true} rewrites it.
 */
class DocsTablesTest {

    private static final Path DOCS = Path.of("docs");
    private static final Path CLASSES = Path.of("target/classes");
    /** The defaults files whose comments document the keys; {@code -Ddocs.defaults=FILE,FILE} to change. */
    private static final List<Path> DEFAULTS = Arrays.stream(
                    System.getProperty("docs.defaults", "src/main/resources/eda-defaults.properties,src/app/resources/eda-router-defaults.properties").split(","))
            .map(String::strip).map(Path::of).toList();
    /** Where keys are used: the router's sources and resources, the shipped routes and application.properties. */
    private static final List<Path> USES = List.of(Path.of("src/main"), Path.of("src/app"), Path.of("routes"),
            Path.of("application.properties"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(eda\\.[a-z0-9.-]+?)(?::[^}]*)?}}");
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"(eda\\.[a-z0-9.-]+)\"");
    /** A key written out in a route or properties file, in a comment too; {@code eda.event.*} names a group. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w.{-])(eda(?:\\.[a-z0-9-]+)+)(?![\\w*-]|\\.[\\w*])");

    @Test
    void docsPagesHoldTheTablesTheSourcesGenerate() throws IOException {
        DocsTables tables = new DocsTables(CLASSES, DEFAULTS);
        List<Path> stale = new ArrayList<>();
        for (Map.Entry<Path, String> page : tables.pages(DOCS).entrySet()) {
            if (!page.getValue().equals(Files.readString(page.getKey()))) {
                stale.add(page.getKey());
                if (Boolean.getBoolean("docs.write")) {
                    Files.writeString(page.getKey(), page.getValue());
                }
            }
        }
        assertThat(stale).as("docs pages whose generated tables differ from the @UriParam javadoc and the defaults"
                + " files' comments (rewrite them: mvn -o -q test -Dtest=DocsTablesTest -Ddocs.write=true)").isEmpty();
    }

    @Test
    void everyComponentHasItsOptionsTable() throws IOException {
        DocsTables tables = new DocsTables(CLASSES, DEFAULTS);
        Set<String> names = new TreeSet<>();
        for (String page : tables.pages(DOCS).values()) {
            names.addAll(DocsTables.tableNames(page));
        }
        assertThat(tables.schemes()).as("components whose JSON schema camel-component-maven-plugin wrote to "
                + CLASSES + " (run mvn process-classes)").isNotEmpty();
        assertThat(names).as("generated tables of docs/").containsAll(
                tables.schemes().stream().map(scheme -> scheme + "-options").toList())
                .contains("eda-keys", "camel-keys");
    }

    @Test
    void everyEdaKeyTheCodeAndRoutesUseIsInTheConfigurationTable() throws Exception {
        Set<String> documented = new DocsTables(CLASSES, DEFAULTS).keys().stream()
                .map(DescribedProperties.Key::name).collect(Collectors.toSet());
        Set<String> meters = stringConstants(EdaMeters.class);
        Map<String, Set<String>> undocumented = new TreeMap<>();
        for (Path root : USES) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    for (String key : keysUsedIn(file)) {
                        boolean known = key.endsWith(".")
                                ? documented.stream().anyMatch(k -> k.startsWith(key))
                                : documented.contains(key);
                        if (!known && !meters.contains(key)) {
                            undocumented.computeIfAbsent(key, k -> new TreeSet<>()).add(file.toString());
                        }
                    }
                }
            }
        }
        assertThat(undocumented).as("eda.* keys used but not in the defaults files (each with its comment) " + DEFAULTS)
                .isEmpty();
    }

    @Test
    void aKeyWithoutDescriptionFailsNamingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("defaults.properties");
        Files.writeString(file, "# the section\n\n# described\neda.a=1\n\neda.b=2\n");

        assertThatThrownBy(() -> DescribedProperties.read(file)).hasMessageContaining("defaults.properties:6")
                .hasMessageContaining("key 'eda.b' has no description");
    }

    @Test
    void aKeyTakesTheCommentLinesDirectlyAboveIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("defaults.properties");
        Files.writeString(file, "# a heading\n\n# first line\n# second line\neda.a=kafka:{{eda.b}}\n");

        assertThat(DescribedProperties.read(file)).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo("eda.a");
            assertThat(key.value()).isEqualTo("kafka:{{eda.b}}");
            assertThat(key.description()).isEqualTo("first line second line");
        });
    }

    private static Set<String> keysUsedIn(Path file) throws IOException {
        String name = file.getFileName().toString();
        Set<String> keys = new TreeSet<>();
        if (!name.endsWith(".java") && !name.endsWith(".yaml") && !name.endsWith(".yml")
                && !name.endsWith(".properties")) {
            return keys;
        }
        String text = Files.readString(file);
        find(PLACEHOLDER, text, keys);
        if (name.endsWith(".java")) {
            find(JAVA_LITERAL, text, keys);
        } else {
            find(MENTION, text, keys);
        }
        return keys;
    }

    private static void find(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Set<String> stringConstants(Class<?> type) throws IllegalAccessException {
        Set<String> values = new TreeSet<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
