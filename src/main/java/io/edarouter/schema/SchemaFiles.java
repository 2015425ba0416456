package io.edarouter.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema files, {@code <dir>/<eventType>/<version>.json}, and whether any changed: their version is the list of
 * names, modification times and sizes. A folder that does not exist holds no schemas.
 */
final class SchemaFiles {

    private static final Pattern VERSION_FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");

    /** One file: the type (its folder), the version (its name) and where it is. */
    record SchemaFile(String eventType, int version, Path path) {
    }

    private final Path dir;
    private String lastSeen;

    SchemaFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Whether the files changed since the last call; true the first time. */
    boolean changed() {
        String now = fingerprint();
        if (now.equals(lastSeen)) {
            return false;
        }
        lastSeen = now;
        return true;
    }

    /** The files, by type then version; a file whose name is not a version is skipped (and logged by the caller). */
    List<SchemaFile> list(List<Path> skipped) {
        List<SchemaFile> files = new ArrayList<>();
        for (Path typeDir : children(dir)) {
            if (!Files.isDirectory(typeDir)) {
                continue;
            }
            for (Path file : children(typeDir)) {
                Matcher version = VERSION_FILE.matcher(file.getFileName().toString());
                if (Files.isRegularFile(file) && version.matches()) {
                    files.add(new SchemaFile(typeDir.getFileName().toString(), Integer.parseInt(version.group(1)), file));
                } else {
                    skipped.add(file);
                }
            }
        }
        files.sort((a, b) -> a.eventType().equals(b.eventType()) ? Integer.compare(a.version(), b.version())
                : a.eventType().compareTo(b.eventType()));
        return files;
    }

    private String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (Path typeDir : children(dir)) {
            for (Path file : Files.isDirectory(typeDir) ? children(typeDir) : List.<Path>of()) {
                try {
                    text.append(file).append('@').append(Files.getLastModifiedTime(file).toMillis()).append('/')
                            .append(Files.size(file)).append('\n');
                } catch (IOException e) {
                    text.append(file).append("@gone\n");
                }
            }
        }
        return text.toString();
    }

    private static List<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
