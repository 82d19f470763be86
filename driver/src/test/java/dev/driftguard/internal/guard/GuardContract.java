package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL run through {@code jdbc:driftguard:} by a migrating version, against live versions in a real registry:
 * every row of the design's guard table, overrides, modes, and what happens when the guard cannot decide.
 */
abstract class GuardContract {

    abstract TestDatabase db();

    /** The schema column of registry rows: PostgreSQL's schema, MariaDB's database. */
    abstract String schema();

    /** DDL that changes column {@code rating} of {@code product} to a wider integer type. */
    abstract String widenRating();

    /** DDL that changes column {@code rating} of {@code product} to text. */
    abstract String retypeRating();

    /** DDL that drops the schema (MariaDB: database) the test's tables are in. */
    abstract String dropSchema();

    /** DDL that makes {@code sku} NOT NULL. */
    abstract String setSkuNotNull();

    /** {@code CREATE MATERIALIZED VIEW} where the database has them (PostgreSQL), else {@code CREATE VIEW}. */
    abstract String createMaterializedView();

    private static final AtomicInteger NEXT = new AtomicInteger();

    private LiveVersions registry;
    private String migrator;

    @BeforeEach
    void freshTables() throws SQLException {
        db().execute(createMaterializedView().replace("CREATE", "DROP") + " IF EXISTS rating_totals",
                "DROP VIEW IF EXISTS top_rated", "DROP VIEW IF EXISTS rated_products",
                "DROP TABLE IF EXISTS product", "DROP TABLE IF EXISTS audit_log",
                "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT, sku VARCHAR(20),"
                        + " note VARCHAR(20) DEFAULT 'none', active INT NOT NULL DEFAULT 1)",
                "CREATE TABLE audit_log (id INT PRIMARY KEY, entry VARCHAR(40))");
        registry = new LiveVersions(db());
        registry.stopAll();
        migrator = "migrator" + NEXT.incrementAndGet();
    }

    private String liveApp() {
        return "shop-" + migrator;
    }

    private Connection migrating(String mode) throws SQLException {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", migrator);
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.guard", mode);
        properties.setProperty("driftguard.record", "off");
        return DriverManager.getConnection(db().driftguardUrl(), properties);
    }

    /** The measured fault: the guard's registry read blocked 20 s and more behind a lock, instead of answering ZDG02. */
    @Test
    void guardAnswersCannotDecideWithinItsDeadlineWhileTheRegistryIsLocked() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        String table = dev.driftguard.internal.registry.Registry.forUrl(db().url()).name("column_usage");
        try (Connection locker = db().connect(); Statement lock = locker.createStatement()) {
            if (db().kind() == TestDatabase.Kind.MARIADB) {
                lock.execute("LOCK TABLES " + table + " WRITE");
            } else {
                locker.setAutoCommit(false);
                lock.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            Properties properties = db().credentials();
            properties.setProperty("driftguard.app", migrator);
            properties.setProperty("driftguard.version", "2.0-deadline");
            properties.setProperty("driftguard.record", "off");
            properties.setProperty("driftguard.guard.timeout.seconds", "2");
            SQLException answer = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
                try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
                     Statement statement = connection.createStatement()) {
                    return assertThrows(SQLException.class, () -> statement.execute("ALTER TABLE product DROP COLUMN rating"));
                }
            });
            assertEquals("ZDG02", answer.getSQLState(), answer.getMessage());
            assertTrue(answer.getMessage().contains("did not answer within 2 s"), answer.getMessage());
            if (db().kind() == TestDatabase.Kind.MARIADB) {
                lock.execute("UNLOCK TABLES");
            } else {
                locker.rollback();
            }
        }
        assertTrue(columnExists("product", "rating"));
    }

    private SQLException refused(String ddl) throws SQLException {
        try (Connection connection = migrating("enforce"); Statement statement = connection.createStatement()) {
            return assertThrows(SQLException.class, () -> statement.execute(ddl));
        }
    }

    private void runs(String ddl) throws SQLException {
        try (Connection connection = migrating("enforce"); Statement statement = connection.createStatement()) {
            assertDoesNotThrow(() -> statement.execute(ddl));
        }
    }

    private boolean columnExists(String table, String column) throws SQLException {
        try (Connection connection = db().connect();
             ResultSet columns = connection.getMetaData().getColumns(null, null, table, column)) {
            return columns.next();
        }
    }

    @Test
    void dropOfColumnReadByLiveVersionIsRefusedAndNothingRuns() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        SQLException refusal = refused("ALTER TABLE product DROP COLUMN rating");
        assertEquals("ZDG01", refusal.getSQLState());
        assertTrue(refusal.getMessage().startsWith("driftguard refused"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("drop column"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains(liveApp() + " 1.0 (1 live instance"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("reads rating"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("retire"), refusal.getMessage());
        assertTrue(columnExists("product", "rating"));
    }

    /** Views over views: the refusal names the one the live version reads, and what brings it down. */
    @Test
    void aDropThatTakesAViewOverAViewALiveVersionReadsIsRefusedNamingTheChain() throws SQLException {
        db().execute("CREATE VIEW rated_products AS SELECT id, name, rating FROM product",
                "CREATE VIEW top_rated AS SELECT name FROM rated_products WHERE rating > 4");
        registry.live(liveApp(), "1.0", schema(), "read top_rated.name");
        runs("ALTER TABLE product DROP COLUMN sku CASCADE");
        SQLException refusal = refused("ALTER TABLE product DROP COLUMN rating CASCADE");
        assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("drop column " + schema() + ".product.rating")
                && refusal.getMessage().contains("view " + schema() + ".top_rated")
                && refusal.getMessage().contains(liveApp() + " 1.0"), refusal.getMessage());
        assertTrue(columnExists("product", "rating"));
    }

    /**
     * Replacing a view with one that lacks a column its readers read: MariaDB would run it (driftguard refuses),
     * PostgreSQL refuses it itself. Replacing it with every column still there runs on both.
     */
    @Test
    void replacingAViewWithoutAColumnALiveVersionReadsDoesNotRun() throws SQLException {
        db().execute("CREATE VIEW rated_products AS SELECT id, name, rating FROM product");
        registry.live(liveApp(), "1.0", schema(), "read rated_products.rating");
        SQLException refusal = refused("CREATE OR REPLACE VIEW rated_products AS SELECT id, name FROM product");
        if (db().kind() == TestDatabase.Kind.MARIADB) {
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("drop column " + schema() + ".rated_products.rating"),
                    refusal.getMessage());
        }
        assertTrue(columnExists("rated_products", "rating"));
        runs("CREATE OR REPLACE VIEW rated_products AS SELECT id, name, rating FROM product WHERE rating > 0");
    }

    /**
     * A generated column computed from the dropped one: PostgreSQL's CASCADE drops it too (driftguard refuses,
     * naming the chain); MariaDB refuses the drop itself.
     */
    @Test
    void aDropThatTakesAGeneratedColumnALiveVersionReadsDoesNotRun() throws SQLException {
        db().execute("ALTER TABLE product ADD COLUMN double_rating INT " + (db().kind() == TestDatabase.Kind.POSTGRES
                ? "GENERATED ALWAYS AS (rating * 2) STORED" : "AS (rating * 2) STORED"));
        registry.live(liveApp(), "1.0", schema(), "read product.double_rating");
        SQLException refusal = refused("ALTER TABLE product DROP COLUMN rating CASCADE");
        if (db().kind() == TestDatabase.Kind.POSTGRES) {
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("drop column public.product.rating CASCADE would drop column"
                    + " public.product.double_rating"), refusal.getMessage());
        }
        assertTrue(columnExists("product", "double_rating"));
        runs("ALTER TABLE product DROP COLUMN sku CASCADE");
    }

    @Test
    void aDropThatTakesAMaterializedViewALiveVersionReadsIsRefused() throws SQLException {
        db().execute(createMaterializedView() + " rating_totals AS SELECT rating, COUNT(*) AS products FROM product"
                + " GROUP BY rating");
        registry.live(liveApp(), "1.0", schema(), "read rating_totals.products");
        SQLException refusal = refused("DROP TABLE product CASCADE");
        assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("view " + schema() + ".rating_totals"), refusal.getMessage());
        registry.stop(liveApp(), "1.0");
        runs("ALTER TABLE product DROP COLUMN rating CASCADE");
    }

    @Test
    void dropOfColumnNoLiveVersionUsesRuns() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.name");
        runs("ALTER TABLE product DROP COLUMN rating");
        assertFalse(columnExists("product", "rating"));
    }

    @Test
    void selectStarBlocksTheDropOfAnyColumn() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.*");
        assertEquals("ZDG01", refused("ALTER TABLE product DROP COLUMN note").getSQLState());
    }

    @Test
    void dropOfAColumnWhoseOnlyUserStoppedRuns() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        registry.stop(liveApp(), "1.0");
        runs("ALTER TABLE product DROP COLUMN rating");
    }

    @Test
    void dropOfTableUsedByLiveVersionIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "write audit_log.");
        assertEquals("ZDG01", refused("DROP TABLE audit_log").getSQLState());
    }

    @Test
    void dropOfASchemaHoldingAUsedTableIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.name");
        SQLException refusal = refused(dropSchema());
        assertEquals("ZDG01", refusal.getSQLState());
        assertTrue(refusal.getMessage().contains("reads product.name"), refusal.getMessage());
    }

    @Test
    void renameOfColumnReadByLiveVersionIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.name");
        SQLException refusal = refused("ALTER TABLE product RENAME COLUMN name TO title");
        assertTrue(refusal.getMessage().contains("rename column"), refusal.getMessage());
    }

    @Test
    void renameOfTableUsedByLiveVersionIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.name");
        assertEquals("ZDG01", refused("ALTER TABLE product RENAME TO item").getSQLState());
    }

    @Test
    void typeChangeOfColumnReadByLiveVersionIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        assertEquals("ZDG01", refused(retypeRating()).getSQLState());
    }

    @Test
    void wideningTypeChangeRunsDespiteALiveReader() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        runs(widenRating());
    }

    @Test
    void notNullOnAColumnALiveInserterOmitsIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "write product.id", "write product.name");
        assertEquals("ZDG01", refused(setSkuNotNull()).getSQLState());
    }

    @Test
    void notNullOnAColumnEveryLiveInserterSuppliesRuns() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "write product.id", "write product.sku");
        runs(setSkuNotNull());
    }

    @Test
    void newNotNullColumnWithoutDefaultIsRefusedWhileAVersionInserts() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "write product.id", "write product.name");
        assertEquals("ZDG01", refused("ALTER TABLE product ADD COLUMN origin VARCHAR(10) NOT NULL").getSQLState());
    }

    @Test
    void droppingTheDefaultOfANotNullColumnALiveInserterOmitsIsRefused() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "write product.id", "write product.name");
        assertEquals("ZDG01", refused("ALTER TABLE product ALTER COLUMN active DROP DEFAULT").getSQLState());
    }

    @Test
    void droppingTheDefaultOfANullableColumnRuns() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "write product.id", "write product.name");
        runs("ALTER TABLE product ALTER COLUMN note DROP DEFAULT");
    }

    @Test
    void harmlessDdlRunsWhatever() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.*");
        runs("ALTER TABLE product ADD COLUMN extra VARCHAR(10)");
        runs("CREATE INDEX product_rating ON product (rating)");
    }

    @Test
    void overrideWithAReasonRunsAndIsRecorded() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        runs("/* driftguard:allow reason=\"version 1.0 reads it only in a dead report\" */ ALTER TABLE product DROP COLUMN rating");
        assertFalse(columnExists("product", "rating"));
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT app, version, reason FROM " + overrideLog()
                     + " WHERE app = '" + migrator + "'")) {
            assertTrue(rows.next());
            assertEquals("2.0", rows.getString(2));
            assertEquals("version 1.0 reads it only in a dead report", rows.getString(3));
        }
        try (Connection connection = db().connect()) {
            String listed = Registry.forUrl(db().url()).reader().recentOverrides(connection, 10).toString(); // what status prints
            assertTrue(listed.contains("\"version 1.0 reads it only in a dead report\""), listed);
        }
    }

    @Test
    void overrideWithoutAReasonIsRefusedAndSaysWhy() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        SQLException refusal = refused("/* driftguard:allow */ ALTER TABLE product DROP COLUMN rating");
        assertTrue(refusal.getMessage().contains("needs a non-empty reason"), refusal.getMessage());
    }

    @Test
    void warnModeRunsTheStatement() throws SQLException {
        registry.live(liveApp(), "1.0", schema(), "read product.rating");
        try (Connection connection = migrating("warn"); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE product DROP COLUMN rating");
        }
        assertFalse(columnExists("product", "rating"));
    }

    @Test
    void migratingVersionThatStillUsesTheColumnBlocksItselfAndIsToldSo() throws SQLException {
        registry.live(migrator, "2.0", schema(), "read product.rating");
        SQLException refusal = refused("ALTER TABLE product DROP COLUMN rating");
        assertTrue(refusal.getMessage().contains("migrating application's own version"), refusal.getMessage());
    }

    @Test
    void unreachableRegistryGivesCannotDecideAndRunsNothing() throws SQLException {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", migrator);
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        properties.setProperty("driftguard.registry.url", db().url().replaceFirst("//[^/]+/", "//127.0.0.1:1/"));
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            SQLException refusal = assertThrows(SQLException.class,
                    () -> statement.execute("ALTER TABLE product DROP COLUMN rating"));
            assertEquals("ZDG02", refusal.getSQLState());
        }
        assertTrue(columnExists("product", "rating"));
    }

    private String overrideLog() {
        return db().kind() == TestDatabase.Kind.MARIADB ? "driftguard_override_log" : "driftguard.override_log";
    }
}
