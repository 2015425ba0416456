package io.edarouter.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Refuses to start when a {@code file:} routes pattern points at a folder that does not exist, before
 * anything is started: camel-main would otherwise start the embedded broker and then fail with a bare
 * {@code NoSuchFileException: routes}, which does not say that the router was run from the wrong folder.
 */
public final class RoutesLocationCheck extends MainListenerSupport {

    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";
    private static final String FILE_SCHEME = "file:";

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.getCamelContext().getPropertiesComponent().resolveProperty(ROUTES_PATTERN)
                .ifPresent(patterns -> check(patterns, Path.of("").toAbsolutePath()));
    }

    /** @throws StartRefusedException naming the pattern, the working folder and what to do */
    static void check(String patterns, Path workingFolder) {
        List<String> missing = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String trimmed = pattern.trim();
            if (trimmed.startsWith(FILE_SCHEME) && !Files.exists(workingFolder.resolve(fixedPart(trimmed)))) {
                missing.add(trimmed);
            }
        }
        if (!missing.isEmpty()) {
            throw new StartRefusedException("No routes at " + String.join(", ", missing) + " (working folder "
                    + workingFolder + "): run the router from the folder that holds routes/, or set "
                    + ROUTES_PATTERN + " (or --routes PATTERN) to where the routes are");
        }
    }

    /** The folder (or file) a pattern starts from: the path before its first wildcard, without the scheme. */
    static String fixedPart(String pattern) {
        String path = pattern.substring(FILE_SCHEME.length());
        int wildcard = indexOfWildcard(path);
        if (wildcard < 0) {
            return path;
        }
        int slash = path.lastIndexOf('/', wildcard);
        return slash < 0 ? "." : path.substring(0, Math.max(slash, 1));
    }

    private static int indexOfWildcard(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }
}
