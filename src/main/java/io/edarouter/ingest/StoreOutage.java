package io.edarouter.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells "the event store is unreachable" apart from "this event cannot be stored": an outage (connection
 * refused or lost, pool timeout, server shutting down) is waited out and never dead-letters an event; any
 * other failure counts as an attempt against the record.
 */
public final class StoreOutage {

    private StoreOutage() {
    }

    /** Whether {@code failure}, or one of its causes, says the database could not be reached or used. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && (isOutageState(sql.getSQLState()) || isClosedConnection(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection the pool or driver closed under the caller (Hikari's "Connection is closed" carries no SQLSTATE
     * and can hide the I/O error that closed it).
     */
    private static boolean isClosedConnection(SQLException sql) {
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection") && message.contains("closed");
    }

    /** SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P (operator intervention: shutdown). */
    private static boolean isOutageState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"));
    }
}
