package dev.driftguard;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * For {@link NoDataAnywhereTest}, in a JVM of its own that logs at TRACE: an application whose statements, bind
 * values and passwords are full of markers, DDL that driftguard refuses, warns about, cannot decide or lets
 * through on an override, each with markers in it. Prints every message of an exception driftguard raised as
 * {@code exception: …}, then {@code done}; exits on {@code stop}. Arguments: url user registry-url.
 */
public final class MarkerWorkload {

    static final String LITERAL = "literal-4711-marker";
    static final String BIND_VALUE = "bind-9876-marker";
    static final String PASSWORD = "password-5150-marker";
    static final String URL_PASSWORD = "urlpw-2323-marker";
    static final String REGISTRY_PASSWORD = "regpw-6464-marker";
    static final String ESCAPED = "escaped-3141-marker";
    static final String DOLLAR = "dollar-2718-marker";
    static final long NUMBER = 8_675_309L;

    private MarkerWorkload() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Properties app = properties(args, "scan", "1", "enforce");
        try (Connection connection = DriverManager.getConnection(url, app);
             Statement statement = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO customer (id, email, note) VALUES (?, ?, ?)")) {
            statement.executeUpdate("INSERT INTO customer VALUES (" + NUMBER + ", '" + LITERAL + "', E'" + ESCAPED + "\\'')");
            insert.setLong(1, NUMBER + 1);
            insert.setString(2, BIND_VALUE);
            insert.setString(3, LITERAL);
            insert.executeUpdate();
            statement.executeQuery("SELECT id FROM customer WHERE email = '" + LITERAL + "' AND note <> $$" + DOLLAR
                    + "$$ AND id > " + NUMBER).close();
            statement.executeUpdate("UPDATE customer SET note = U&'" + LITERAL + "' WHERE id = " + NUMBER);
            vendorError(statement, "SELECT '" + LITERAL + "'::regclass");
            vendorError(statement, "SELECT missing FROM customer WHERE email = '" + LITERAL + "'");
            vendorError(statement, "SELECT FROM WHERE ??? '" + LITERAL + "'"); // unparseable: a DEBUG line, with its shape
        }
        awaitPublished(args);
        String hazard = "ALTER TABLE customer ADD COLUMN extra TEXT DEFAULT '" + LITERAL + "', DROP COLUMN email";
        guarded(properties(args, "scan-migration", "2", "enforce"), hazard);
        guarded(properties(args, "scan-migration", "2", "warn"), "ALTER TABLE customer ADD COLUMN warned TEXT DEFAULT '"
                + LITERAL + "', DROP COLUMN note");
        guarded(properties(args, "scan-migration", "2", "enforce"), "DO $$ BEGIN EXECUTE 'ALTER TABLE customer DROP "
                + "COLUMN ' || '" + LITERAL + "'; END $$");
        guarded(properties(args, "scan-migration", "2", "enforce"), "/* driftguard:allow reason=\"scan\" */ " + hazard);
        System.out.println("done");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
            // wait until told
        }
        System.exit(0);
    }

    /** The guard can only refuse what is published: wait until the registry shows scan 1 reading email and note. */
    private static void awaitPublished(String[] args) throws SQLException {
        Properties plain = new Properties();
        plain.setProperty("user", args[1]);
        try (Connection registry = DriverManager.getConnection(args[2], plain); Statement query = registry.createStatement()) {
            dev.driftguard.testsupport.Await.until("scan 1 published", java.time.Duration.ofSeconds(30), () -> {
                try (java.sql.ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM driftguard.live_usage"
                        + " WHERE app = 'scan' AND column_name IN ('email', 'note')")) {
                    return rows.next() && rows.getInt(1) >= 2;
                } catch (SQLException notYetCreated) {
                    return false; // the registry is created by the first heartbeat
                }
            });
        }
    }

    private static Properties properties(String[] args, String appName, String version, String guard) {
        Properties properties = new Properties();
        properties.setProperty("user", args[1]);
        properties.setProperty("password", PASSWORD); // trust authentication ignores it; driftguard must too
        properties.setProperty("driftguard.app", appName);
        properties.setProperty("driftguard.version", version);
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        properties.setProperty("driftguard.guard", guard);
        properties.setProperty("driftguard.registry.url", args[2]);
        return properties;
    }

    /** The database's own error reaches the application unchanged, and is the database's business, not printed. */
    private static void vendorError(Statement statement, String sql) {
        try {
            statement.execute(sql);
        } catch (SQLException expected) {
            // drift: driftguard records the incident, by name only
        }
    }

    private static void guarded(Properties properties, String ddl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("marker.url"), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("ZDG")) {
                throw e;
            }
            System.out.println("exception: " + e.getSQLState() + " " + e.getMessage().replace('\n', ' '));
        }
    }
}
