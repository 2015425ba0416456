package io.edarouter;

import java.util.ArrayList;
import java.util.List;

import io.edarouter.embedded.ConfiguredTopics;
import io.edarouter.embedded.EmbeddedDefaults;
import io.edarouter.embedded.HttpAddressLog;
import io.edarouter.embedded.RoutesLocationCheck;
import io.edarouter.embedded.StartRefusedException;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * The runnable router: camel-main reading {@code ./application.properties} and
 * {@code ./routes/*.camel.yaml}, on embedded defaults when no broker and no database are configured.
 *
 * <p>Arguments: {@code --properties LOCATION} (default {@code file:application.properties}),
 * {@code --routes PATTERN} (default {@code file:routes/*.camel.yaml}), {@code --KEY=VALUE} for any
 * configuration key; the rest goes to camel-main.
 */
public final class Application {

    /**
     * Defaults of the runnable router's {@code camel.*} settings, inside the jar; the user's file overrides them. The
     * {@code eda.*} keys have theirs in the library ({@link io.edarouter.config.EdaDefaults}), below every location.
     */
    public static final String DEFAULTS_LOCATION = "classpath:eda-router-defaults.properties";
    public static final String USER_PROPERTIES_LOCATION = "file:application.properties";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        String userProperties = USER_PROPERTIES_LOCATION;
        List<String> camelArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--properties".equals(arg) && i + 1 < args.length) {
                userProperties = args[++i];
            } else if ("--routes".equals(arg) && i + 1 < args.length) {
                main.addOverrideProperty("camel.main.routes-include-pattern", args[++i]);
            } else if (arg.startsWith("--") && arg.contains("=")) {
                int eq = arg.indexOf('=');
                main.addOverrideProperty(arg.substring(2, eq), arg.substring(eq + 1));
            } else {
                camelArgs.add(arg);
            }
        }
        EmbeddedDefaults embedded = configure(main, userProperties);
        int exitCode;
        try {
            exitCode = main.run(camelArgs.toArray(String[]::new));
        } catch (Exception e) {
            // the embedded broker's threads would keep a failed start alive: stop everything and say why
            StartRefusedException refused = refusal(e);
            if (refused != null) {
                LoggerFactory.getLogger(Application.class).error("eda-router did not start: {}", refused.getMessage());
            } else {
                LoggerFactory.getLogger(Application.class).error("eda-router failed to start: {}", e.getMessage(), e);
            }
            main.stop();
            embedded.close();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /**
     * Sets up a camel-main the way the jar runs: the user's properties over the jar's defaults (the app's, then the
     * library's), a check of the routes location, embedded servers.
     */
    public static EmbeddedDefaults configure(Main main, String userPropertiesLocation) {
        // Camel's properties component answers a key from the first location that has it (override properties,
        // i.e. --KEY=VALUE, and environment variables before any location, the library's eda.* defaults after all):
        // the user's file goes first
        main.setPropertyPlaceholderLocations(withOptional(userPropertiesLocation) + "," + DEFAULTS_LOCATION);
        // before the embedded broker starts: a router run from the wrong folder stops at once and says why
        main.addMainListener(new RoutesLocationCheck());
        EmbeddedDefaults embedded = new EmbeddedDefaults();
        main.addMainListener(embedded);
        main.addMainListener(new ConfiguredTopics());
        main.addMainListener(new HttpAddressLog());
        return embedded;
    }

    /** The refusal among the causes of a failed start (camel-main wraps what its listeners throw), or null. */
    private static StartRefusedException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    private static String withOptional(String location) {
        return location.contains(";optional=") ? location : location + ";optional=true";
    }
}
