package dev.driftguard;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.config.Settings;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * What {@code driftguard-agent.jar} calls when an application's {@link Driver#connect} or
 * {@link DataSource#getConnection} returns: the connection behind driftguard, wrapped once. Not an application API;
 * the agent loads it in a class loader of its own.
 */
final class AgentHook implements Function<Object[], Object> {

    private static final Log LOG = Log.of(AgentHook.class);
    /** Where an application's own driftguard asks for a real connection that it then wraps itself. */
    private static final java.util.Set<String> WRAPPING_ENTRIES =
            java.util.Set.of(DriftGuardDriver.class.getName(), DriftGuardDataSource.class.getName());

    /** Set while driftguard opens a connection of its own (catalog, registry): that one stays plain. */
    private final ThreadLocal<Boolean> opening = new ThreadLocal<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** For the agent, which reaches this package-private type reflectively: it is not API. */
    AgentHook() {
    }

    /**
     * {@code {connection, driver, url, info}} from {@code Driver.connect}, {@code {connection, source, null, null}}
     * from a {@code getConnection()} (of a data source, or of a statement or other JDBC object, which is left
     * alone): the connection to hand to the application. Never throws; on any failure the application gets its
     * connection as it was.
     */
    @Override
    public Object apply(Object[] call) {
        Object returned = call[0];
        Object source = call[1];
        boolean fromDriver = source instanceof Driver && call[2] instanceof String;
        if (!(returned instanceof Connection) || !(fromDriver || source instanceof DataSource) || opening.get() != null) {
            return returned;
        }
        try {
            Connection connection = (Connection) returned;
            if (isDriftGuard(connection) || insideApplicationsOwnDriftGuard()) {
                return connection;
            }
            return fromDriver ? fromDriver(connection, (Driver) source, (String) call[2], (Properties) call[3])
                    : fromDataSource(connection, (DataSource) source);
        } catch (RuntimeException | SQLException | LinkageError e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("driftguard agent: a connection is left unwrapped ({}); the application is not affected."
                        + " Further failures are not logged", e.toString());
            }
            return returned;
        }
    }

    private Connection fromDriver(Connection connection, Driver driver, String url, Properties info)
            throws SQLException {
        Settings settings = Settings.resolve(info, DriftGuardDriver.runtime().environment());
        Properties plain = DriftGuardDriver.withoutSettings(info);
        Properties credentials = plain == null ? new Properties() : plain;
        return DriftGuardDriver.runtime().recording(url, settings, () -> own(() -> driver.connect(url, credentials)),
                credentials).wrapper.wrap(connection);
    }

    private Connection fromDataSource(Connection connection, DataSource dataSource) throws SQLException {
        Settings settings = Settings.resolve(new Properties(), DriftGuardDriver.runtime().environment());
        return DriftGuardDriver.runtime().recording(DriftGuardDataSource.urlOf(connection), settings,
                ConnectionSource.notKept(() -> own(dataSource::getConnection)), new Properties()).wrapper.wrap(connection);
    }

    /** A connection driftguard opens for itself, left plain. */
    private Connection own(ConnectionSource opener) throws SQLException {
        opening.set(Boolean.TRUE);
        try {
            return opener.open();
        } finally {
            opening.remove();
        }
    }

    /** Already driftguard's, directly or behind a pool's or framework's wrapper. */
    private static boolean isDriftGuard(Connection connection) throws SQLException {
        return ConnectionWrapper.isWrapped(connection) || connection.isWrapperFor(ConnectionWrapper.proxyType());
    }

    /**
     * Opened by the application's own driftguard ({@code jdbc:driftguard:} or {@code DriftGuardDataSource}), which
     * wraps it itself. Looked at only for connections about to be wrapped, which a pool opens rarely.
     */
    private static boolean insideApplicationsOwnDriftGuard() {
        ClassLoader agents = AgentHook.class.getClassLoader();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames.anyMatch(
                frame -> WRAPPING_ENTRIES.contains(frame.getClassName())
                        && frame.getDeclaringClass().getClassLoader() != agents));
    }
}
