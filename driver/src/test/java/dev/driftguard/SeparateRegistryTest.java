package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With driftguard.registry.url, usage goes to another database and names the database it belongs to. */
class SeparateRegistryTest {

    @RegisterExtension
    static final TestDatabase APP = TestDatabase.postgres();

    @RegisterExtension
    static final TestDatabase REGISTRY = TestDatabase.postgres();

    @Test
    void usageIsPublishedToTheRegistryDatabaseWithTheApplicationsDatabaseName() throws SQLException {
        APP.execute("CREATE TABLE product (id INT PRIMARY KEY, rating INT)");
        Properties properties = APP.credentials();
        properties.setProperty("driftguard.app", "shop");
        properties.setProperty("driftguard.version", "separate-1");
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        properties.setProperty("driftguard.registry.url", REGISTRY.url());
        try (Connection connection = DriverManager.getConnection(APP.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT rating FROM product").close();
        }
        Await.until("usage in the separate registry", Duration.ofSeconds(30), () -> !rating().isEmpty());
        assertEquals(APP.name() + " public.product.rating", rating());
        assertEquals(0, registryTablesIn(APP));
    }

    private static String rating() {
        try (Connection connection = REGISTRY.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_catalog || ' ' || table_schema || '.' || table_name"
                     + " || '.' || column_name FROM driftguard.live_usage_by_database WHERE version = 'separate-1'"
                     + " AND column_name = 'rating'")) {
            return rows.next() ? rows.getString(1) : "";
        } catch (SQLException notYetInstalled) {
            return "";
        }
    }

    private static int registryTablesIn(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'driftguard'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
