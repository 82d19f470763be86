package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/** Pools work both ways: driftguard around the pool, and the pool around driftguard's driver. */
class DriftGuardDataSourceTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Test
    void wrappedHikariPoolHandsOutDriftGuardConnectionsThatReachTheVendor() throws SQLException {
        try (HikariDataSource pool = pool(DB.url(), null)) {
            DriftGuardDataSource dataSource = new DriftGuardDataSource(pool);
            try (Connection connection = dataSource.getConnection()) {
                assertTrue(ConnectionWrapper.isWrapped(connection));
                assertTrue(connection.unwrap(PGConnection.class).getBackendPID() > 0);
                assertEquals(42, selectFortyTwo(connection));
            }
        }
    }

    @Test
    void hikariConfiguredWithTheDriftGuardDriverClassAndPrefixedUrlWorks() throws SQLException {
        try (HikariDataSource pool = pool(DB.driftguardUrl(), "dev.driftguard.DriftGuardDriver");
             Connection connection = pool.getConnection()) {
            assertTrue(ConnectionWrapper.isWrapped((Connection) connection.unwrap(ProxyJdbcObject.class)));
            assertTrue(connection.unwrap(PGConnection.class).getBackendPID() > 0);
            assertEquals(42, selectFortyTwo(connection));
        }
    }

    @Test
    void unwrapReachesThePoolItself() throws SQLException {
        try (HikariDataSource pool = pool(DB.url(), null)) {
            assertSame(pool, new DriftGuardDataSource(pool).unwrap(HikariDataSource.class));
        }
    }

    @Test
    void settingsGivenToTheDataSourceWin() throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("driftguard.app", "shop");
        settings.setProperty("driftguard.version", "1.4.0");
        try (HikariDataSource pool = pool(DB.url(), null)) {
            DriftGuardDataSource dataSource = new DriftGuardDataSource(pool, settings);
            assertEquals("shop", dataSource.settings().app());
            assertEquals("1.4.0", dataSource.settings().version());
        }
    }

    /** A Spring context closed and started again in one JVM: the second pool must serve the guard, not the first. */
    @Test
    void theGuardReadsTheRegistryThroughTheNewestPoolWhenTheFirstHasBeenClosed() throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("driftguard.app", "reopened");
        settings.setProperty("driftguard.version", "1");
        DB.execute("CREATE TABLE reopened (a int, b int)");
        try (HikariDataSource first = spring(DB.url()); Connection connection =
                new DriftGuardDataSource(first, settings).getConnection()) {
            assertEquals(42, selectFortyTwo(connection));
            // the registry is installed through the first pool before it closes, not half-way
            Await.until("the first heartbeat of reopened 1", Duration.ofSeconds(30), () -> DriftGuard.status().stream()
                    .anyMatch(status -> status.app().equals("reopened") && Boolean.TRUE.equals(status.registryReachable())));
        }
        try (HikariDataSource second = spring(DB.url());
             Connection connection = new DriftGuardDataSource(second, settings).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE reopened DROP COLUMN b");
        }
    }

    @Test
    void closingTheDataSourceMarksItsInstanceStoppedAtOnceAndClosesThePool() throws SQLException {
        HikariDataSource pool = spring(DB.url());
        DriftGuardDataSource dataSource = new DriftGuardDataSource(pool, settings("closing", "closing-1"));
        use(dataSource, "closing");

        dataSource.close();

        assertTrue(pool.isClosed(), "the pool closes with it");
        assertEquals("stopped", instanceState("closing-1"));
        assertTrue(DriftGuard.status().stream().noneMatch(status -> status.app().equals("closing")));
    }

    @Test
    void anotherOpenDataSourceOfTheSameVersionKeepsTheInstanceLiveUntilItClosesToo() throws SQLException {
        Properties settings = settings("shared", "shared-1");
        try (DriftGuardDataSource first = new DriftGuardDataSource(spring(DB.url()), settings);
             DriftGuardDataSource second = new DriftGuardDataSource(spring(DB.url()), settings)) {
            use(first, "shared");
            use(second, "shared");
            first.close();
            assertEquals("live", instanceState("shared-1"));
            second.close();
            assertEquals("stopped", instanceState("shared-1"));
        }
    }

    @Test
    void aDataSourceOpenedAfterTheLastOneClosedMakesTheInstanceLiveAgain() throws SQLException {
        Properties settings = settings("again", "again-1");
        try (DriftGuardDataSource first = new DriftGuardDataSource(spring(DB.url()), settings)) {
            use(first, "again");
        }
        assertEquals("stopped", instanceState("again-1"));
        try (DriftGuardDataSource second = new DriftGuardDataSource(spring(DB.url()), settings)) {
            use(second, "again");
            Await.until("again-1 live again", Duration.ofSeconds(30), () -> instanceState("again-1").equals("live"));
        }
    }

    private static Properties settings(String app, String instance) {
        Properties settings = new Properties();
        settings.setProperty("driftguard.app", app);
        settings.setProperty("driftguard.version", "1");
        settings.setProperty("driftguard.instance", instance);
        settings.setProperty("driftguard.heartbeat.seconds", "1");
        return settings;
    }

    /** A statement through {@code dataSource}, then its recording's first heartbeat. */
    private static void use(DriftGuardDataSource dataSource, String app) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(42, selectFortyTwo(connection));
        }
        Await.until("a heartbeat of " + app, Duration.ofSeconds(30), () -> DriftGuard.status().stream()
                .anyMatch(status -> status.app().equals(app) && status.lastHeartbeat() != null));
    }

    /** {@code live} or {@code stopped}, as the registry holds the instance. */
    private static String instanceState(String instance) {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT stopped_at IS NULL FROM driftguard.instance"
                     + " WHERE instance_id = '" + instance + "'")) {
            assertTrue(rows.next(), "no instance " + instance + " in the registry");
            return rows.getBoolean(1) ? "live" : "stopped";
        } catch (SQLException e) {
            throw new AssertionError("the registry cannot be read", e);
        }
    }

    /** A pool as Spring Boot builds it: HikariCP's default size, so that driftguard's own borrowing has room. */
    private static HikariDataSource spring(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        return new HikariDataSource(config);
    }

    private static HikariDataSource pool(String url, String driverClass) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (driverClass != null) {
            config.setDriverClassName(driverClass);
        }
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static int selectFortyTwo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 42")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
