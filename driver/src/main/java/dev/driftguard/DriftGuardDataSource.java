package dev.driftguard;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.config.Settings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps any {@link DataSource}, a connection pool included, so that its connections go through driftguard:
 * {@code new DriftGuardDataSource(hikariDataSource)}. Close it instead of the pool: {@link #close()} closes both.
 */
public final class DriftGuardDataSource implements DataSource, AutoCloseable {

    private final DataSource target;
    private final Settings settings;
    private volatile DriftGuardRuntime.Recording recording;

    /** Wraps {@code target}; settings come from system properties, environment and {@code driftguard.properties}. */
    public DriftGuardDataSource(DataSource target) {
        this(target, new Properties());
    }

    /** Wraps {@code target} with {@code settings} (keys such as {@code driftguard.app}) taking precedence. */
    public DriftGuardDataSource(DataSource target, Properties settings) {
        this.target = Objects.requireNonNull(target, "target DataSource");
        this.settings = Settings.resolve(settings, DriftGuardDriver.runtime().environment());
    }

    /** The settings this data source's connections are recorded and guarded with. */
    Settings settings() {
        return settings;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    /**
     * The database is known only from a first connection. The catalog and the registry borrow short-lived ones from
     * the target and give them back at once: a pool keeps them open, and driftguard takes none of its slots for long.
     */
    private Connection wrap(Connection real) throws SQLException {
        DriftGuardRuntime.Recording current = recording;
        if (current == null) {
            current = DriftGuardDriver.runtime().recording(this, urlOf(real), settings,
                    ConnectionSource.notKept(target::getConnection));
            recording = current;
        }
        return current.wrapper.wrap(real);
    }

    /**
     * Closes this data source and the one it wraps, if that can be closed (a pool can; containers such as Spring call
     * this when the application closes). First, while the database still answers, driftguard publishes what it
     * recorded here and — unless another open data source records the same application version on the same
     * database — marks this instance stopped at once, so that it leaves the registry's live view now rather than
     * when its TTL runs out. That takes at most a second when the registry does not answer.
     */
    @Override
    public void close() throws SQLException {
        DriftGuardRuntime.Recording current = recording;
        if (current != null) {
            recording = null; // a target that outlives close() records into a new recording if used again
            DriftGuardDriver.runtime().closed(this, current);
        }
        if (target instanceof AutoCloseable) {
            try {
                ((AutoCloseable) target).close();
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("closing the wrapped data source failed: " + e.getMessage(), e);
            }
        }
    }

    /** The real URL of a connection, for keying its recording. */
    static String urlOf(Connection real) {
        try {
            String url = real.getMetaData().getURL();
            return url == null ? "jdbc:unknown:" : url;
        } catch (SQLException | RuntimeException e) {
            return "jdbc:unknown:";
        }
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
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
