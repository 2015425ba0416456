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
 * {@link #jdbcUrl()} call creates a fresh database, dropped when the JVM exits. Another server can be given with
 * {@code -Deda.it.postgres.host=H -Deda.it.postgres.port=N}.
 */
public final class PostgresTestDatabase {

    static final String SERVER_URL = "jdbc:postgresql://" + System.getProperty("eda.it.postgres.host", "127.0.0.1")
            + ":" + System.getProperty("eda.it.postgres.port", "5432") + "/";
    static final String MAINTENANCE_DATABASE = "test";
    static final String START_HINT = "Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    private static final List<String> CREATED = new ArrayList<>();
    private static String user;

    private PostgresTestDatabase() {
    }

    /** Creates a new, empty database {@code eda_it_<random>} and returns its JDBC URL. */
    public static synchronized String jdbcUrl() {
        String name = "eda_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            // the name is generated here, never user input; CREATE DATABASE takes no parameters
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name, e);
        }
        if (CREATED.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::dropCreated, "postgres-test-drop"));
        }
        CREATED.add(name);
        return SERVER_URL + name;
    }

    /** The user that trust authentication let in: {@code postgres}, else the OS user. */
    public static synchronized String user() {
        if (user == null) {
            user = findUser();
        }
        return user;
    }

    /** The password for {@link #user()}: none with trust authentication. */
    public static String password() {
        return "";
    }

    private static String findUser() {
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

    private static Connection maintenanceConnection() throws SQLException {
        return DriverManager.getConnection(SERVER_URL + MAINTENANCE_DATABASE, user(), password());
    }

    private static synchronized void dropCreated() {
        try (Connection connection = maintenanceConnection(); Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }
}
