package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Code and schema drifting apart is noticed: at run time from the database's errors, and at an instance's start. */
abstract class DriftIncidentContract {

    abstract TestDatabase db();

    abstract String schema();

    private static final AtomicInteger NEXT = new AtomicInteger();
    private String version;

    @BeforeEach
    void table() throws SQLException {
        version = "d" + NEXT.incrementAndGet();
        db().execute("DROP TABLE IF EXISTS product", "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT)");
    }

    Connection connect() throws SQLException {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", "drift");
        properties.setProperty("driftguard.version", version);
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        return DriverManager.getConnection(db().driftguardUrl(), properties);
    }

    String incidents() {
        StringBuilder found = new StringBuilder();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name, column_name, kind FROM "
                     + Registry.forUrl(db().url()).name("drift_incident") + " WHERE version = '" + version + "'")) {
            while (rows.next()) {
                found.append(rows.getString(1).toLowerCase(Locale.ROOT)).append('.')
                        .append(String.valueOf(rows.getString(2)).toLowerCase(Locale.ROOT)).append(' ')
                        .append(rows.getString(3)).append('\n');
            }
        } catch (SQLException notYet) {
            return "";
        }
        return found.toString();
    }

    @Test
    void columnTheDatabaseSaysIsMissingIsRecordedAndTheApplicationGetsItsOwnError() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT rating FROM product").close();
            db().execute("ALTER TABLE product DROP COLUMN rating");
            SQLException viaDriftGuard = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT rating FROM product"));
            SQLException vendor = assertThrows(SQLException.class, () -> db().execute("SELECT rating FROM product"));
            assertEquals(vendor.getSQLState(), viaDriftGuard.getSQLState());
        }
        Await.until("the incident in the registry", Duration.ofSeconds(30),
                () -> incidents().contains(".rating undefined_column"));
    }

    @Test
    void tableTheDatabaseSaysIsMissingIsRecorded() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT id FROM no_such_table"));
        }
        Await.until("the incident in the registry", Duration.ofSeconds(30),
                () -> incidents().contains("no_such_table.null undefined_table"));
    }

    @Test
    void columnAnEarlierInstanceUsedThatIsGoneIsRecordedAtStart() throws SQLException {
        new LiveVersions(db()).live("drift", version, schema(), "read product.rating");
        db().execute("ALTER TABLE product DROP COLUMN rating");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT id FROM product").close();
        }
        Await.until("the start-up incident in the registry", Duration.ofSeconds(30),
                () -> incidents().contains("product.rating missing_at_start"));
    }
}
