package io.edarouter.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL of the integration tests: the server at 127.0.0.1:5432 (trust authentication), where every
 * {@link #newDatabase()} creates a fresh database, dropped at the end of the test run. Another server can be given with
 * {@code -Deda.it.postgres.host=H -Deda.it.postgres.port=N}. The test classes that use it ask for it:
 * <pre>{@code @RegisterExtension
 * static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();}</pre>
 * which checks once per JVM, before the first of them runs, that the server answers.
 */
public final class PostgresTestDatabase extends SharedTestServer<PostgresTestDatabase> {

    static final String HOST = System.getProperty("eda.it.postgres.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("eda.it.postgres.port", 5432);
    static final String SERVER_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/";
    static final String MAINTENANCE_DATABASE = "test";
    static final String START_HINT = "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    private static PostgresTestDatabase shared;

    private final List<String> created = new ArrayList<>();
    private String user;

    private PostgresTestDatabase() {
        super("postgres-test-databases");
    }

    /** The server every test class of this JVM shares. */
    public static synchronized PostgresTestDatabase shared() {
        if (shared == null) {
            shared = new PostgresTestDatabase();
        }
        return shared;
    }

    /** Creates a new, empty database {@code eda_it_<random>} and returns its JDBC URL. */
    public synchronized String newDatabase() {
        started();
        String name = "eda_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            // the name is generated here, never user input; CREATE DATABASE takes no parameters
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name, e);
        }
        created.add(name);
        return SERVER_URL + name;
    }

    /** The user that trust authentication let in: {@code postgres}, else the OS user. */
    public synchronized String user() {
        if (user == null) {
            user = findUser();
        }
        return user;
    }

    /** The password for {@link #user()}: none with trust authentication. */
    public String password() {
        return "";
    }

    /** A proxy to the server, which a test can cut to make the database unreachable. */
    public TcpProxy newProxy() {
        return new TcpProxy(HOST, PORT);
    }

    /** {@code jdbcUrl} of a database of this server, reached through {@code proxy}. */
    public static String throughProxy(String jdbcUrl, TcpProxy proxy) {
        return jdbcUrl.replaceFirst(":\\d+/", ":" + proxy.port() + "/");
    }

    @Override
    protected void start() {
        user();
    }

    @Override
    protected synchronized void stop() {
        if (created.isEmpty()) {
            return;
        }
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            for (String name : created) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            created.clear();
        } catch (SQLException e) {
            System.err.println("Could not drop the test databases " + created + ": " + e.getMessage());
        }
    }

    private String findUser() {
        List<String> candidates = List.of("postgres", System.getProperty("user.name"));
        SQLException last = null;
        for (String candidate : candidates) {
            try (Connection ignored = DriverManager.getConnection(SERVER_URL + MAINTENANCE_DATABASE, candidate, "")) {
                return candidate;
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new IllegalStateException("PostgreSQL is not reachable at " + SERVER_URL + MAINTENANCE_DATABASE
                + " as any of " + candidates + " (" + (last == null ? "" : last.getMessage()) + "). " + START_HINT, last);
    }

    private Connection maintenanceConnection() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + MAINTENANCE_DATABASE, user(), password());
    }
}
