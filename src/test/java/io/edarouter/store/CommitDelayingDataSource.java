package io.edarouter.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource whose connections hold some commits back for a random while, so that concurrent transactions
 * commit in another order than they began: the situation where an event store that numbers events before
 * commit lets a subscriber skip the late ones.
 */
final class CommitDelayingDataSource implements DataSource {

    private final DataSource target;
    private final double delayedShare;
    private final int maxDelayMillis;

    CommitDelayingDataSource(DataSource target, double delayedShare, int maxDelayMillis) {
        this.target = target;
        this.delayedShare = delayedShare;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delaying(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return delaying(target.getConnection(username, password));
    }

    private Connection delaying(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("commit".equals(method.getName()) && ThreadLocalRandom.current().nextDouble() < delayedShare) {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, maxDelayMillis + 1));
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
