package example.host;

import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/** The host's own camel-main application; eda-router's components come to it from the classpath alone. */
public final class HostMain {

    private HostMain() {
    }

    public static void main(String[] args) throws Exception {
        // the Jackson that runs, to compare with the one this application pinned
        LoggerFactory.getLogger(HostMain.class).info("Jackson databind {}, core {}",
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION,
                com.fasterxml.jackson.core.json.PackageVersion.VERSION);
        new Main(HostMain.class).run(args);
    }
}
