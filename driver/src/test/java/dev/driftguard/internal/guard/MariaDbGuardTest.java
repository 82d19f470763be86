package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbGuardTest extends GuardContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase db() {
        return DB;
    }

    @Override
    String schema() {
        return DB.name();
    }

    @Override
    String widenRating() {
        return "ALTER TABLE product MODIFY rating BIGINT";
    }

    @Override
    String retypeRating() {
        return "ALTER TABLE product MODIFY rating VARCHAR(10)";
    }

    @Override
    String dropSchema() {
        return "DROP DATABASE " + DB.name();
    }

    @Override
    String setSkuNotNull() {
        return "ALTER TABLE product MODIFY sku VARCHAR(20) NOT NULL";
    }

    @Override
    String createMaterializedView() {
        return "CREATE VIEW";
    }

    /**
     * MariaDB replaces a routine in place: another parameter list breaks every call written for the old one, the
     * same list (a new body) breaks none. The server says it: the old call fails after the first, not the second.
     */
    @Test
    void replacingARoutineALiveVersionCallsWithOtherParametersIsRefused() throws SQLException {
        DB.execute("CREATE OR REPLACE PROCEDURE recount(IN p_id INT) SELECT p_id");
        new LiveVersions(DB).live("caller", "1.0", DB.name(), "call recount");
        Properties properties = DB.credentials();
        properties.setProperty("driftguard.app", "migrations");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            SQLException refusal = assertThrows(SQLException.class,
                    () -> statement.execute("CREATE OR REPLACE PROCEDURE recount(IN p_id INT, IN p_all INT) SELECT p_id"));
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("change the parameters of routine " + DB.name() + ".recount")
                    && refusal.getMessage().contains("caller 1.0 (1 live instance"), refusal.getMessage());
            assertDoesNotThrow(() -> statement.execute("CREATE OR REPLACE PROCEDURE recount(IN p_id INT) SELECT p_id + 0"));
            statement.execute("CALL recount(1)"); // the old call still works: nothing was refused that needed to be
        }
        try (Connection plain = DB.connect(); Statement statement = plain.createStatement()) {
            statement.execute("CREATE OR REPLACE PROCEDURE recount(IN p_id INT, IN p_all INT) SELECT p_id");
            assertThrows(SQLException.class, () -> statement.execute("CALL recount(1)"), "what the refusal prevented");
        }
    }
}
