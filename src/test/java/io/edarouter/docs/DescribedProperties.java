package io.edarouter.docs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A properties file that documents its keys: the comment lines directly above a key (no blank line between) are
 * its description. A comment block followed by a blank line is a heading and describes no key.
 */
final class DescribedProperties {

    /** One key of the file, with its default value and its description (Markdown, the comment lines joined). */
    record Key(String name, String value, String description, Path file, int line) {
    }

    private static final Pattern ENTRY = Pattern.compile("([^=:\\s]+)\\s*[=:]?\\s*(.*)");

    private DescribedProperties() {
    }

    /** The keys of the file in file order; fails naming the file, line and key of a key that has no description. */
    static List<Key> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<Key> keys = new ArrayList<>();
        List<String> comment = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                comment.clear();
            } else if (line.startsWith("#") || line.startsWith("!")) {
                comment.add(line.substring(1).strip());
            } else {
                Matcher entry = ENTRY.matcher(line);
                if (!entry.matches()) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": not a key=value line: " + line);
                }
                String description = String.join(" ", comment).strip();
                if (description.isEmpty()) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": key '" + entry.group(1)
                            + "' has no description: write comment lines directly above it (no blank line between)");
                }
                keys.add(new Key(entry.group(1), entry.group(2), description, file, i + 1));
                comment.clear();
            }
        }
        sameAsJavaReadsIt(file, keys);
        return keys;
    }

    /**
     * This reader knows one line per key and no escapes; java.util.Properties, which the router reads the file with,
     * knows more. Where the two disagree the table would lie, so the file must stay within what both read alike.
     */
    private static void sameAsJavaReadsIt(Path file, List<Key> keys) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        Map<String, String> read = new LinkedHashMap<>();
        keys.forEach(key -> read.put(key.name(), key.value()));
        Map<String, String> java = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> java.put(name, properties.getProperty(name)));
        if (!new java.util.TreeMap<>(read).equals(new java.util.TreeMap<>(java)) || read.size() != keys.size()) {
            throw new IllegalStateException(file + ": keys or values read differently than java.util.Properties"
                    + " reads them (a key twice, a continued line or an escape?): " + read + " vs " + java);
        }
    }
}
