package io.edarouter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTestDatabaseIT {

    @RegisterExtension
    static final PostgresTestDatabase postgres = PostgresTestDatabase.shared();

    @Test
    void freshDatabaseAnswersAQuery() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        postgres.newDatabase(), postgres.user(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void everyCallGivesADifferentDatabase() {
        assertThat(postgres.newDatabase()).isNotEqualTo(postgres.newDatabase());
    }
}
