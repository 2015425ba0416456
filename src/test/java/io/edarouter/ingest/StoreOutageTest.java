package io.edarouter.ingest;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import io.edarouter.store.EventStoreException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreOutageTest {

    @Test
    void unreachableDatabaseIsAnOutage() {
        assertThat(StoreOutage.isOutage(new EventStoreException("tx failed",
                new SQLTransientConnectionException("eda-event-store - Connection is not available, request timed out")))).isTrue();
        assertThat(StoreOutage.isOutage(new EventStoreException("tx failed",
                new SQLException("Connection to 127.0.0.1:5 refused", "08001", new ConnectException("refused"))))).isTrue();
        assertThat(StoreOutage.isOutage(new EventStoreException("tx failed", new SQLException("Connection is closed")))).isTrue();
        assertThat(StoreOutage.isOutage(new EventStoreException("tx failed",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void failureAboutTheEventIsNotAnOutage() {
        assertThat(StoreOutage.isOutage(new EventStoreException("tx failed",
                new SQLException("value too long for type character varying(200)", "22001")))).isFalse();
        assertThat(StoreOutage.isOutage(new IllegalArgumentException("bad"))).isFalse();
    }
}
