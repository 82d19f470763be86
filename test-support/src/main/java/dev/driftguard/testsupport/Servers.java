package dev.driftguard.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once per JVM where each kind of test database comes from, in the documented order, and says so once.
 */
final class Servers {

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

    private static final String POSTGRES_CREATE = "CREATE DATABASE %s";
    private static final String POSTGRES_DROP = "DROP DATABASE IF EXISTS %s WITH (FORCE)";
    private static final String MARIADB_CREATE = "CREATE DATABASE %s";
    private static final String MARIADB_DROP = "DROP DATABASE IF EXISTS %s";

    private Servers() {
    }

    static Server postgres() {
        return PostgresHolder.SERVER;
    }

    static Server mariadb() {
        Assumptions.assumeTrue(MariaDbHolder.SERVER != null, Servers::whyNoMariaDb);
        return MariaDbHolder.SERVER;
    }

    /** Why MariaDB tests cannot run, or null when they can. */
    static String whyNoMariaDb() {
        return MariaDbHolder.SERVER != null ? null : "MariaDB tests skipped: " + MariaDbHolder.WHY_NOT;
    }

    static Server h2() {
        return H2Holder.SERVER;
    }

    /** Initialised on first use, so a run without PostgreSQL tests never probes for a server. */
    private static final class PostgresHolder {
        static final Server SERVER = resolvePostgres();
    }

    private static final class MariaDbHolder {
        static final List<String> TRIED = new ArrayList<>();
        static final Server SERVER = resolveMariaDb(TRIED);
        static final String WHY_NOT = String.join("; ", TRIED)
                + ". Start MariaDB on 127.0.0.1:3306 or set DRIFTGUARD_TEST_MARIADB_URL.";
    }

    private static final class H2Holder {
        static final Server SERVER = announce(new Server("H2 in-memory",
                "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1", "sa", "", null, null, "SHUTDOWN"));
    }

    private static Server resolvePostgres() {
        List<String> tried = new ArrayList<>();
        String envUrl = System.getenv("DRIFTGUARD_TEST_POSTGRES_URL");
        if (envUrl != null && !envUrl.isBlank()) {
            return announce(postgresAt("PostgreSQL from DRIFTGUARD_TEST_POSTGRES_URL", envUrl,
                    env("DRIFTGUARD_TEST_POSTGRES_USER", "postgres"), env("DRIFTGUARD_TEST_POSTGRES_PASSWORD", "")));
        }
        String local = "jdbc:postgresql://127.0.0.1:5432/postgres";
        if (answers(local, "postgres", "", 5432, tried)) {
            return announce(postgresAt("local PostgreSQL on 127.0.0.1:5432", local, "postgres", ""));
        }
        Server container = Containers.postgres(tried);
        if (container != null) {
            return announce(container);
        }
        return announce(embeddedPostgres(tried));
    }

    private static Server resolveMariaDb(List<String> tried) {
        String envUrl = System.getenv("DRIFTGUARD_TEST_MARIADB_URL");
        if (envUrl != null && !envUrl.isBlank()) {
            return announce(mariaDbAt("MariaDB from DRIFTGUARD_TEST_MARIADB_URL", envUrl,
                    env("DRIFTGUARD_TEST_MARIADB_USER", "root"), env("DRIFTGUARD_TEST_MARIADB_PASSWORD", "")));
        }
        // Connector/J 4 asks for TLS by default; the local test server has none
        String local = "jdbc:mariadb://127.0.0.1:3306/?sslMode=disable";
        if (answers(local, "root", "", 3306, tried)) {
            return announce(mariaDbAt("local MariaDB on 127.0.0.1:3306", local, "root", ""));
        }
        Server container = Containers.mariadb(tried);
        if (container != null) {
            return announce(container);
        }
        LOG.warn("MariaDB tests will be skipped: {}", String.join("; ", tried));
        return null;
    }

    static Server postgresAt(String description, String adminUrl, String user, String password) {
        return new Server(description, JdbcUrls.withDatabase(adminUrl, "%s"), user, password, adminUrl,
                POSTGRES_CREATE, POSTGRES_DROP);
    }

    static Server mariaDbAt(String description, String adminUrl, String user, String password) {
        return new Server(description, JdbcUrls.withDatabase(adminUrl, "%s"), user, password, adminUrl,
                MARIADB_CREATE, MARIADB_DROP);
    }

    private static Server embeddedPostgres(List<String> tried) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
            String adminUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            return postgresAt("embedded PostgreSQL (io.zonky.test) on port " + postgres.getPort()
                    + ", because " + String.join("; ", tried), adminUrl, "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL for tests: " + String.join("; ", tried)
                    + "; and embedded PostgreSQL failed to start", e);
        }
    }

    /** A TCP probe first, so an absent server costs milliseconds rather than a driver's connect timeout. */
    private static boolean answers(String url, String user, String password, int port, List<String> tried) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            tried.add("nothing listens on 127.0.0.1:" + port);
            return false;
        }
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            tried.add("127.0.0.1:" + port + " refused " + user + ": " + e.getMessage());
            return false;
        }
    }

    private static Server announce(Server server) {
        LOG.info("driftguard test databases: {}", server.description());
        return server;
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null ? fallback : value;
    }
}
