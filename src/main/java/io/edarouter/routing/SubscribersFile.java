package io.edarouter.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelContext;

/**
 * Where a subscribers file is and whether it changed: a path of the file system (relative to the working folder, or
 * with {@code file:}) or {@code classpath:...}. Only a file of the file system can change; its version is its
 * modification time and size.
 */
final class SubscribersFile {

    private static final String CLASSPATH = "classpath:";
    private static final String FILE = "file:";

    private final String location;
    /** The file of the file system, or null for one on the classpath. */
    private final Path path;
    private String lastSeenVersion;

    SubscribersFile(String location) {
        this.location = location;
        this.path = location.startsWith(CLASSPATH) ? null
                : Path.of(location.startsWith(FILE) ? location.substring(FILE.length()) : location);
        this.lastSeenVersion = version();
    }

    String location() {
        return location;
    }

    /** Whether the file can change (it is one of the file system). */
    boolean canChange() {
        return path != null;
    }

    /** The file's text. */
    String read(CamelContext context) {
        try {
            if (path != null) {
                return Files.readString(path);
            }
            try (InputStream in = context.getClassResolver().loadResourceAsStream(location.substring(CLASSPATH.length()))) {
                if (in == null) {
                    throw new IOException("not on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("subscribers file " + location + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Whether the file changed since the last call (or since this was made); a file that went missing changed. */
    boolean changed() {
        String version = version();
        if (version == null || version.equals(lastSeenVersion)) {
            return false;
        }
        lastSeenVersion = version;
        return true;
    }

    /** Modification time and size of the file, or null when it is not a file of the file system. */
    private String version() {
        if (path == null) {
            return null;
        }
        try {
            return Files.getLastModifiedTime(path).toMillis() + "/" + Files.size(path);
        } catch (IOException e) {
            return "missing";
        }
    }
}
