package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code install --app-role}: the applications' database user can publish through the registry's routines and
 * do nothing that would hide a live version from the guard — whatever statement it tries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AppRoleContract {

    static final String PASSWORD = "app-role-pw";

    final String role = "dg_app_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));

    abstract TestDatabase db();

    /**
     * Creates login role {@link #role} with password {@link #PASSWORD} and the application's rights on product and
     * on view rated over it.
     */
    abstract void createRole() throws SQLException;

    /** Takes back the role's right to call the schema-6 usage routine, as before an upgrade carried it over. */
    abstract String revokeAddUse();

    abstract void dropRole() throws SQLException;

    /**
     * Every kind of statement the role might run against the registry to hide instance {@code id} of shop 1.0 or
     * its use of product.rating in database {@code catalog}: direct writes, DDL on the registry, its routines
     * called with a guessed secret, a negative count, a TTL of a century.
     */
    abstract List<String> hostileStatements(String id, String catalog);

    private Registry registry;
    private Connection app;

    @BeforeAll
    void installWithTheAppRole() throws SQLException {
        registry = Registry.forUrl(db().url());
        db().execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT)",
                "CREATE VIEW rated AS SELECT id, rating FROM product");
        createRole();
        CliRun install = CliRun.of("install", "--url", db().url(), "--user", db().user(), "--app-role", role);
        assertEquals(0, install.exitCode, install.err);
        assertTrue(install.out.contains("role " + role), install.out);
    }

    @AfterAll
    void close() throws SQLException {
        if (app != null) {
            app.close();
        }
        dropRole();
    }

    private Properties asRole() {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", PASSWORD);
        return properties;
    }

    @Test
    void theRolePublishesButNoStatementItMayRunUnblocksTheDrop() throws SQLException {
        Properties properties = asRole();
        properties.setProperty("driftguard.app", "shop");
        properties.setProperty("driftguard.version", "1.0");
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        app = DriverManager.getConnection(db().driftguardUrl(), properties);
        try (Statement statement = app.createStatement()) {
            statement.execute("SELECT rating FROM product");
        }
        Await.until("shop 1.0 in the live view, published by the role", Duration.ofSeconds(30), () -> liveUses() > 0);

        String id;
        String catalog;
        try (Connection admin = db().connect(); Statement query = admin.createStatement();
             ResultSet rows = query.executeQuery("SELECT instance_id FROM " + registry.name("instance")
                     + " WHERE app = 'shop'")) {
            rows.next();
            id = rows.getString(1);
            catalog = admin.getCatalog();
        }
        List<String> ran = new ArrayList<>();
        try (Connection hostile = DriverManager.getConnection(db().url(), asRole());
             Statement statement = hostile.createStatement()) {
            hostile.setAutoCommit(true);
            for (String sql : hostileStatements(id, catalog)) {
                try {
                    statement.execute(sql);
                    ran.add(sql);
                } catch (SQLException refused) {
                    // what the role may not do is the point
                }
            }
        }
        assertTrue(liveUses() > 0, "shop 1.0 left the live view after: " + ran);
        SQLException refused = assertThrows(SQLException.class, this::dropRating);
        assertEquals("ZDG01", refused.getSQLState(), "after " + ran + ": " + refused.getMessage());
        assertTrue(refused.getMessage().contains("shop 1.0"), refused.getMessage());
        assertEquals(0, rowsExpiringAfterAnHour(), "an instance live for longer than the registry grants, after " + ran);
    }

    @Test
    void anInstanceRetiredWhileItRunsIsLiveAgainAtItsNextHeartbeat() throws SQLException {
        Properties properties = asRole();
        properties.setProperty("driftguard.app", "shop");
        properties.setProperty("driftguard.version", "retired-while-running");
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        try (Connection running = DriverManager.getConnection(db().driftguardUrl(), properties);
             Statement statement = running.createStatement()) {
            statement.execute("SELECT name FROM product");
            Await.until("the version live", Duration.ofSeconds(30), () -> live("retired-while-running"));
            CliRun retire = CliRun.of("retire", "--url", db().url(), "--user", db().user(), "--app", "shop",
                    "--version", "retired-while-running");
            assertEquals(0, retire.exitCode, retire.err);
            Await.until("the running instance live again", Duration.ofSeconds(30), () -> live("retired-while-running"));
        }
    }

    /**
     * A role granted before the registry's upgrade to schema 6 may not call its new routine yet: it still publishes
     * every use (without via); the upgrade's own install then carries the grant over, and via comes with it.
     */
    @Test
    void aRoleGrantedBeforeTheViaUpgradeKeepsPublishingAndTheUpgradeCarriesItsGrant() throws SQLException {
        db().execute(revokeAddUse());
        readRatedAs("before-carry");
        Await.until("the use published without via", Duration.ofSeconds(30),
                () -> count(viaRows("before-carry", "")) == 1);
        // a registry really at schema 5 has its views; these are of a later schema, which schema 6 cannot replace
        db().execute("DROP VIEW " + registry.name("live_usage"), "DROP VIEW " + registry.name("live_usage_by_database"),
                "UPDATE " + registry.name("registry_meta") + " SET meta_value = '5' WHERE meta_key = 'schema_version'");
        CliRun install = CliRun.of("install", "--url", db().url(), "--user", db().user());
        assertEquals(0, install.exitCode, install.err);
        readRatedAs("after-carry");
        Await.until("the use published with via", Duration.ofSeconds(30),
                () -> count(viaRows("after-carry", "view " + (db().kind() == TestDatabase.Kind.POSTGRES ? "public" : db().name())
                        + ".rated")) == 1);
    }

    private void readRatedAs(String version) throws SQLException {
        Properties properties = asRole();
        properties.setProperty("driftguard.app", "shop");
        properties.setProperty("driftguard.version", version);
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT rating FROM rated");
        } // closing the last connection publishes what is left
    }

    private String viaRows(String version, String via) {
        return "SELECT COUNT(*) FROM " + registry.name("column_usage") + " WHERE app = 'shop' AND version = '" + version
                + "' AND table_name = 'product' AND column_name = 'rating' AND via = '" + via + "'";
    }

    private void dropRating() throws SQLException {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", "migrations");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE product DROP COLUMN rating");
        }
    }

    private int liveUses() {
        return count("SELECT COUNT(*) FROM " + registry.name("live_usage")
                + " WHERE app = 'shop' AND version = '1.0' AND column_name = 'rating'");
    }

    private boolean live(String version) {
        return count("SELECT COUNT(*) FROM " + registry.name("instance") + " WHERE app = 'shop' AND version = '"
                + version + "' AND stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP") == 1;
    }

    private int rowsExpiringAfterAnHour() {
        return count("SELECT COUNT(*) FROM " + registry.name("instance") + " WHERE expires_at > "
                + (db().kind() == TestDatabase.Kind.POSTGRES ? "now() + INTERVAL '3601 seconds'"
                : "NOW(3) + INTERVAL 3601 SECOND"));
    }

    private int count(String sql) {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
