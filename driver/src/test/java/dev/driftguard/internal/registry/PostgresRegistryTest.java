package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRegistryTest extends RegistryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String[] dropRegistry() {
        return new String[] {"DROP SCHEMA IF EXISTS driftguard CASCADE"};
    }

    /**
     * Schema 7 replaces the live views in place: a role that could read them at schema 6 (an application role, a
     * pipeline's precheck user) reads them after the upgrade, with the new column, without a new grant.
     */
    @Test
    void theUpgradeToDeclaredUsageKeepsWhoMayReadTheLiveViews() throws SQLException {
        String role = DB.name() + "_reader";
        Registry registry = Registry.forUrl(DB.url());
        DB.execute(dropRegistry());
        DB.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN");
        try (Connection connection = DB.connect()) {
            for (int version = 1; version <= 6; version++) {
                registry.migrateTo(connection, version);
            }
        }
        DB.execute("GRANT USAGE ON SCHEMA driftguard TO " + role,
                "GRANT SELECT ON driftguard.live_usage, driftguard.live_usage_by_database TO " + role);
        try (Connection connection = DB.connect()) {
            assertEquals(6, registry.install(connection));
        }
        Properties asRole = new Properties();
        asRole.setProperty("user", role);
        try (Connection connection = DriverManager.getConnection(DB.url(), asRole);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(source) FROM driftguard.live_usage_by_database")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        } finally {
            DB.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }
}
