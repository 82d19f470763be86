package dev.driftguard.internal.guard;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.jdbc.RealDrivers;
import dev.driftguard.internal.registry.KeptConnection;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The guard of a migration tool's run, for its extensions (the Flyway callback, the Liquibase extension): every
 * pending migration is checked with {@link #check} before the first one executes. The catalog and the registry are
 * read on one connection each for the whole run, opened when first needed and closed with this — never the tool's
 * own, whose transaction stays as it was; a tool's DataSource is usually not a pool, and a connection per look-up
 * cost over a second for twenty migrations (docs/benchmarks.md).
 */
public final class MigrationCheck implements AutoCloseable {

    private static final long PARSE_TIMEOUT_MILLIS = 2_000;

    private final Dialect dialect;
    private final OneConnection database;
    private final OneConnection registry;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "driftguard-migration-parse-limit");
        thread.setDaemon(true);
        return thread;
    });
    private final Guard guard;

    /**
     * Checks migrations of a {@code dialect} database at {@code databaseUrl}, read through {@code database}; the
     * registry is {@code settings.registryUrl()} when set (reached with {@code credentials}), else that database's.
     * {@code runThroughDriftGuard}: the migrations will then run through a driftguard connection, which logs and
     * records an override as the statement runs; this check leaves that to it, so that an override is recorded once.
     */
    public MigrationCheck(Settings settings, Dialect dialect, String databaseUrl, ConnectionSource database,
                          Properties credentials, boolean runThroughDriftGuard) {
        this.dialect = dialect;
        this.database = new OneConnection(database);
        String registryUrl = settings.registryUrl();
        this.registry = registryUrl == null ? this.database
                : new OneConnection(separateRegistry(registryUrl, credentials, settings));
        this.guard = new Guard(settings, dialect, new JdbcCatalog(this.database, dialect),
                registryUrl == null ? databaseUrl : registryUrl, new KeptConnection(registry), watchdog, PARSE_TIMEOUT_MILLIS,
                !runThroughDriftGuard);
    }

    /**
     * Refuses (ZDG01, ZDG02) as the driver refuses {@code sql}, one or more statements of a migration, with the
     * same message and overrides; {@code session} is the tool's connection, whose search path names resolve on.
     */
    public void check(String sql, Connection session) throws SQLException {
        guard.beforeDdl(sql, dialect.lexer(), session);
    }

    /** A registry in another database, with the migration's user and password, bounded as the driver bounds it. */
    private static ConnectionSource separateRegistry(String registryUrl, Properties credentials, Settings settings) {
        Properties bounded = Registry.forUrl(registryUrl).withTimeout(settings.guardTimeoutSeconds())
                .boundedConnecting(credentials);
        return () -> RealDrivers.find(registryUrl, null).connect(registryUrl, bounded);
    }

    @Override
    public void close() throws SQLException {
        watchdog.shutdownNow();
        try {
            database.close();
        } finally {
            registry.close();
        }
    }

    /**
     * One connection for every look-up of the run, opened when first asked for. Callers close what
     * {@link #open()} returns, as they would any connection; that close is ignored.
     */
    private static final class OneConnection implements ConnectionSource {
        private final ConnectionSource source;
        private Connection connection;

        OneConnection(ConnectionSource source) {
            this.source = source;
        }

        @Override
        public synchronized Connection open() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = source.open();
            }
            Connection shared = connection;
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
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

        synchronized void close() throws SQLException {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }
}
