package io.edarouter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class PostgresTestDatabaseIT {

    @Test
    void freshDatabaseAnswersAQuery() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        PostgresTestDatabase.jdbcUrl(), PostgresTestDatabase.user(), PostgresTestDatabase.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void everyCallGivesADifferentDatabase() {
        assertThat(PostgresTestDatabase.jdbcUrl()).isNotEqualTo(PostgresTestDatabase.jdbcUrl());
    }
}
