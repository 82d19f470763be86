package dev.driftguard.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh, real database of its own for one test class, dropped after the class has run.
 *
 * <pre>{@code @RegisterExtension static final TestDatabase db = TestDatabase.postgres();}</pre>
 *
 * Where the server comes from (environment, local server, Testcontainers, embedded) is decided once per JVM
 * and logged once; see {@code docs/testing.md}.
 */
public final class TestDatabase implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    /** The database products the harness can provide. */
    public enum Kind { POSTGRES, MARIADB, H2 }

    private final Kind kind;
    private final Supplier<Server> servers;
    private final Supplier<String> unavailable;
    /** Run in the new database before the class's tests. */
    private final List<String> setUp;
    private Server server;
    private String name;

    private TestDatabase(Kind kind, Supplier<Server> servers, Supplier<String> unavailable, List<String> setUp) {
        this.kind = kind;
        this.servers = servers;
        this.unavailable = unavailable;
        this.setUp = setUp;
    }

    /** The same kind of database, with {@code sql} run in it once it is created (the tables a test class shares). */
    public TestDatabase withSetUp(String... sql) {
        List<String> all = new ArrayList<>(setUp);
        all.addAll(List.of(sql));
        return new TestDatabase(kind, servers, unavailable, List.copyOf(all));
    }

    /** A PostgreSQL database: env {@code DRIFTGUARD_TEST_POSTGRES_URL}, local server, Testcontainers or embedded. */
    public static TestDatabase postgres() {
        return new TestDatabase(Kind.POSTGRES, Servers::postgres, () -> null, List.of());
    }

    /** A MariaDB database: env {@code DRIFTGUARD_TEST_MARIADB_URL}, local server or Testcontainers; else the class is skipped. */
    public static TestDatabase mariadb() {
        return new TestDatabase(Kind.MARIADB, Servers::mariadb, Servers::whyNoMariaDb, List.of());
    }

    /** An H2 in-memory database. */
    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2, Servers::h2, () -> null, List.of());
    }

    /** A class whose database cannot be had is skipped as a whole, with the reason in the test report. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = unavailable.get();
        return why == null ? ConditionEvaluationResult.enabled(kind + " available")
                : ConditionEvaluationResult.disabled(why);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        server = servers.get();
        name = uniqueName(context.getRequiredTestClass());
        server.createDatabase(name);
        execute(setUp.toArray(new String[0]));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (server != null && name != null) {
            server.dropDatabase(name);
        }
    }

    /** Which product this is. */
    public Kind kind() {
        return kind;
    }

    /** The database's name (unique to this test class and run). */
    public String name() {
        return requireStarted(name);
    }

    /** The plain JDBC URL of this database, e.g. {@code jdbc:postgresql://127.0.0.1:5432/dg_mytest_1a2b3c4d}. */
    public String url() {
        return requireStarted(server).urlFor(name);
    }

    /** The same database behind the driftguard prefix: {@code jdbc:driftguard:postgresql://…}. */
    public String driftguardUrl() {
        return "jdbc:driftguard:" + url().substring("jdbc:".length());
    }

    /** User name for {@link #url()}. */
    public String user() {
        return requireStarted(server).user();
    }

    /** Password for {@link #url()}, possibly empty. */
    public String password() {
        return requireStarted(server).password();
    }

    /** {@code user} and {@code password} as JDBC connection properties. */
    public Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        return properties;
    }

    /** A new connection through the vendor's own driver. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), credentials());
    }

    /** Runs each statement on a new vendor connection: for fixtures. */
    public void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    private static String uniqueName(Class<?> testClass) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (base.length() > 30) {
            base = base.substring(0, 30);
        }
        return "dg_" + base + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
    }

    private static <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("TestDatabase is used before its class started: register it with "
                    + "@RegisterExtension on a static field");
        }
        return value;
    }
}
