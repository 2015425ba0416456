package io.edarouter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.edarouter.testsupport.UserFolderRouter;

/**
 * README "Start and stop": {@code java -jar target/eda-router.jar} on the embedded default, in a folder with the
 * project's routes and nothing configured, as a user runs it (default JVM options). Each round starts it on a fresh
 * {@code data/}, stops it (SIGTERM, as Ctrl-C), starts it again over the data the first start left and stops it
 * again; it prints, per start, the time from launch to {@code /observe/health/ready} answering UP, and per stop
 * the time from SIGTERM to the process's exit. Build the jar first:
 * <pre>
 * mvn -q package -DskipTests && mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.edarouter.bench.StartStopBenchmark [-Dexec.args="ROUNDS JAR..."]
 * </pre>
 * With jars after the number of rounds (e.g. a build of an older commit and {@code target/eda-router.jar}), each
 * round runs each jar in turn, so they are compared under the same load.
 */
public final class StartStopBenchmark {

    private StartStopBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> jars = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of(System.getProperty("eda.it.router-jar", "target/eda-router.jar"));
        System.out.println("load average at the start: " + loadAverage());
        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String jar : jars) {
                System.setProperty("eda.it.router-jar", jar);
                UserFolderRouter router = UserFolderRouter.inNewFolder("start-stop").jvmOptions(List.of());
                // the ports in the environment too, so a jar of an older commit uses them as well: before issue 10
                // the file could not override the ports the jar sets
                router.environment("CAMEL_SERVER_PORT", String.valueOf(router.httpPort()))
                        .environment("EDA_EMBEDDED_KAFKA_PORT", router.embeddedKafkaBootstrapServers().split(":")[1]);
                for (String data : List.of("fresh", "existing")) {
                    long launched = System.nanoTime();
                    router.start();
                    long ready = System.nanoTime();
                    router.stop();
                    long exited = System.nanoTime();
                    rows.add(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %.1f |", round,
                            Path.of(jar).getFileName(), data, (ready - launched) / 1e9, (exited - ready) / 1e9));
                }
            }
        }
        System.out.println("| round | jar | data | launch to ready, s | SIGTERM to exit, s |");
        System.out.println("| --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        System.out.println("load average at the end: " + loadAverage());
        System.exit(0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
