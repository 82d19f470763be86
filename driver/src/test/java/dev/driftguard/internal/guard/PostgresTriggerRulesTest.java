package dev.driftguard.internal.guard;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rule table against the PostgreSQL event trigger: the migration runs on a plain connection, as psql's would. */
class PostgresTriggerRulesTest extends GuardRuleContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @BeforeAll
    static void installTrigger() throws SQLException {
        new LiveVersions(DB);
        try (Connection connection = DB.connect()) {
            Registry.forUrl(DB.url()).installTrigger(connection);
        }
    }

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    SQLException attempt(String ddl) throws SQLException {
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            statement.execute(ddl);
            return null;
        } catch (SQLException refused) {
            return refused;
        }
    }
}
