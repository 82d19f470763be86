package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Only identifiers are ever published: a workload full of recognisable values leaves none of them behind. */
class NoDataInRegistryTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final String LITERAL = "literal-4711-marker";
    private static final String BIND_VALUE = "bind-9876-marker";
    private static final String PASSWORD = "password-5150-marker";
    private static final long NUMBER = 8_675_309L;

    @BeforeAll
    static void schema() throws SQLException {
        DB.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, email TEXT, note TEXT)");
    }

    @Test
    void noLiteralBindValueOrPasswordReachesAnyRegistryRow() throws SQLException {
        Properties properties = DB.credentials();
        properties.setProperty("password", PASSWORD); // trust authentication ignores it; driftguard must too
        properties.setProperty("driftguard.app", "scan");
        properties.setProperty("driftguard.version", "1");
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO customer (id, email, note) VALUES (?, ?, ?)")) {
            statement.executeUpdate("INSERT INTO customer VALUES (" + NUMBER + ", '" + LITERAL + "', 'x')");
            insert.setLong(1, NUMBER + 1);
            insert.setString(2, BIND_VALUE);
            insert.setString(3, LITERAL);
            insert.executeUpdate();
            statement.executeQuery("SELECT id FROM customer WHERE email = '" + LITERAL + "' AND id > " + NUMBER).close();
            statement.executeUpdate("UPDATE customer SET note = '" + LITERAL + "' WHERE id = " + NUMBER);
        }
        Await.until("the workload's columns in the registry", Duration.ofSeconds(30),
                () -> registryText().contains("email") && registryText().contains("note"));
        String everything = registryText();
        for (String secret : new String[] {LITERAL, BIND_VALUE, PASSWORD, Long.toString(NUMBER)}) {
            assertFalse(everything.contains(secret), secret + " found in the registry");
        }
        assertTrue(everything.contains("customer"), everything);
    }

    /** Every row of every registry table, as text. */
    private static String registryText() {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'driftguard'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM driftguard." + table + " t")) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            return "";
        }
        return text.toString();
    }
}
