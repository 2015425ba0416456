package io.edarouter.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An H2 file store writes each commit before it returns, whoever wrote the URL (EmbeddedDefaultCrashRecoveryIT). */
class H2DurableCommitsTest {

    @Test
    void anH2FileUrlWithoutAWriteDelayGetsNone() {
        assertThat(JdbcEventStore.durable("jdbc:h2:file:/data/eventstore;AUTO_SERVER=FALSE"))
                .isEqualTo("jdbc:h2:file:/data/eventstore;AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(JdbcEventStore.durable("jdbc:h2:./data/eventstore"))
                .isEqualTo("jdbc:h2:./data/eventstore;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aWriteDelayTheUserSetAndOtherDatabasesAreLeftAsTheyAre() {
        assertThat(JdbcEventStore.durable("jdbc:h2:file:/data/es;write_delay=100;db_close_on_exit=true"))
                .isEqualTo("jdbc:h2:file:/data/es;write_delay=100;db_close_on_exit=true");
        assertThat(JdbcEventStore.durable("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(JdbcEventStore.durable("jdbc:postgresql://db/events")).isEqualTo("jdbc:postgresql://db/events");
    }
}
