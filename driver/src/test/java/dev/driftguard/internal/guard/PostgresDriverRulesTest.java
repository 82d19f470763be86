package dev.driftguard.internal.guard;

import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rule table against the driver's check: the migration runs through {@code jdbc:driftguard:}. */
class PostgresDriverRulesTest extends GuardRuleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    SQLException attempt(String ddl) throws SQLException {
        Properties properties = DB.credentials();
        properties.setProperty("driftguard.app", "migrator");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            return null;
        } catch (SQLException refused) {
            return refused;
        }
    }
}
