package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A DDL's unqualified target resolves where the server resolves it, whatever moved the session's path: a
 * {@code set_config} with the schema bound as a parameter, which no reading of the text can know, and a
 * {@code SET LOCAL} that ends with its transaction. The oracle is the server's own {@code to_regclass}.
 */
class PostgresSessionPathGuardTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private LiveVersions registry;

    @BeforeEach
    void tenantAndPublicTables() throws SQLException {
        DB.execute("DROP SCHEMA IF EXISTS tenant7 CASCADE", "DROP TABLE IF EXISTS public.product",
                "CREATE SCHEMA tenant7", "CREATE TABLE tenant7.product (id INT, rating INT)",
                "CREATE TABLE public.product (id INT, rating INT)");
        registry = new LiveVersions(DB);
        registry.stopAll();
        registry.live("tenant-shop", "1.0", "tenant7", "read product.rating");
    }

    private Connection migrating() throws SQLException {
        Properties properties = DB.credentials();
        properties.setProperty("driftguard.app", "migrations");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        return DriverManager.getConnection(DB.driftguardUrl(), properties);
    }

    /** Where the session would find {@code product} now, as the server says. */
    private static String resolved(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT relnamespace::regnamespace || '.' || relname FROM pg_class"
                + " WHERE oid = to_regclass('product')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aPathSetWithABoundParameterIsWhereTheDropIsChecked() throws SQLException {
        try (Connection connection = migrating(); Statement statement = connection.createStatement()) {
            try (PreparedStatement path = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                path.setString(1, "tenant7");
                path.executeQuery().close();
            }
            assertEquals("tenant7.product", resolved(statement));
            SQLException refusal = assertThrows(SQLException.class,
                    () -> statement.execute("ALTER TABLE product DROP COLUMN rating"));
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("drop column tenant7.product.rating")
                    && refusal.getMessage().contains("tenant-shop 1.0"), refusal.getMessage());
        }
    }

    @Test
    void aLocalPathGuardsItsTransactionAndEndsWithIt() throws SQLException {
        try (Connection connection = migrating(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL search_path TO tenant7");
            assertEquals("tenant7.product", resolved(statement));
            SQLException refusal = assertThrows(SQLException.class,
                    () -> statement.execute("ALTER TABLE product DROP COLUMN rating"));
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            connection.rollback();
            assertEquals("public.product", resolved(statement), "public again after the transaction");
            assertDoesNotThrow(() -> statement.execute("ALTER TABLE product DROP COLUMN rating"),
                    "public.product.rating: nobody uses it");
            connection.commit();
        }
    }
}
