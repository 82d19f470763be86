package dev.driftguard.flyway;

import dev.driftguard.internal.base.ConnectionSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One connection of Flyway's DataSource for all the checks of a run, opened when first asked for and closed with
 * this: Flyway's DataSource is usually not a pool, and a connection per catalog look-up and registry read cost
 * over a second for twenty migrations (docs/benchmarks.md). Callers close what {@link #open()} returns, as they would
 * any connection; that close is ignored.
 */
final class OneConnection implements ConnectionSource, AutoCloseable {

    private final ConnectionSource source;
    private Connection connection;

    OneConnection(DataSource dataSource) {
        this(dataSource::getConnection);
    }

    OneConnection(ConnectionSource source) {
        this.source = source;
    }

    @Override
    public synchronized Connection open() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = source.open();
        }
        Connection shared = connection;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public synchronized void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
