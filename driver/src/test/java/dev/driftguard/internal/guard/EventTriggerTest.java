package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL event trigger guards DDL from a plain connection, as psql, Django or Rails would send it. */
class EventTriggerTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static LiveVersions registry;
    private String app;

    @BeforeAll
    static void installTrigger() throws SQLException {
        registry = new LiveVersions(DB);
        try (Connection connection = DB.connect()) {
            Registry.forUrl(DB.url()).installTrigger(connection);
        }
    }

    @BeforeEach
    void freshTable() throws SQLException {
        app = "plain" + NEXT.incrementAndGet();
        registry.stopAll();
        DB.execute("DROP TABLE IF EXISTS product CASCADE",
                "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT, note VARCHAR(10))");
    }

    /** DDL on the vendor's own connection: no driftguard driver involved. */
    private SQLException refused(String ddl) {
        return assertThrows(SQLException.class, () -> DB.execute(ddl));
    }

    private static int overridesWithReason(String reason) throws SQLException {
        try (Connection connection = DB.connect();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM driftguard.override_log WHERE reason = ?")) {
            query.setString(1, reason);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private boolean columnExists(String column) throws SQLException {
        try (Connection connection = DB.connect();
             ResultSet columns = connection.getMetaData().getColumns(null, "public", "product", column)) {
            return columns.next();
        }
    }

    @Test
    void dropOfAColumnALiveVersionReadsIsRolledBackWithZdg01() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating");
        SQLException refusal = refused("ALTER TABLE product DROP COLUMN rating");
        assertEquals("ZDG01", refusal.getSQLState());
        assertTrue(refusal.getMessage().contains("driftguard refused"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("table column public.product.rating: " + app + " 1.0 (1 live instance)"
                + " reads rating"), refusal.getMessage());
        assertTrue(columnExists("rating"));
    }

    /**
     * What was actually dropped is checked, not what the statement named: a CASCADE from psql, and a drop run
     * by a DO block, take with them a view a live version reads, and are rolled back.
     */
    @Test
    void aViewDroppedByCascadeOrInsideADoBlockIsRolledBackWhileALiveVersionReadsIt() throws SQLException {
        DB.execute("CREATE VIEW product_rating AS SELECT id, rating FROM product");
        registry.live(app, "1.0", "public", "read product_rating.rating");
        for (String ddl : new String[] {"ALTER TABLE product DROP COLUMN rating CASCADE",
                "DO $$ BEGIN EXECUTE 'ALTER TABLE product DROP COLUMN ' || 'rating CASCADE'; END $$"}) {
            SQLException refusal = refused(ddl);
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("view public.product_rating (dropped along by CASCADE): " + app
                    + " 1.0 (1 live instance) reads rating"), refusal.getMessage());
            assertTrue(columnExists("rating"));
        }
        DB.execute("ALTER TABLE product DROP COLUMN note CASCADE"); // takes nothing anyone uses
        assertTrue(!columnExists("note"));
    }

    @Test
    void aRoutineALiveVersionCallsIsNeitherDroppedNorRenamedButAnUncalledOneIs() throws SQLException {
        DB.execute("CREATE OR REPLACE FUNCTION avg_rating() RETURNS numeric LANGUAGE sql AS 'SELECT avg(rating) FROM product'",
                "CREATE OR REPLACE FUNCTION nobody_calls() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        registry.live(app, "1.0", "public", "call avg_rating");
        SQLException drop = refused("DROP FUNCTION avg_rating()");
        assertEquals("ZDG01", drop.getSQLState(), drop.getMessage());
        assertTrue(drop.getMessage().contains("function public.avg_rating(): " + app + " 1.0 (1 live instance) calls it"),
                drop.getMessage());
        SQLException rename = refused("ALTER FUNCTION avg_rating() RENAME TO avg_stars");
        assertEquals("ZDG01", rename.getSQLState(), rename.getMessage());
        assertTrue(rename.getMessage().contains("routine public.avg_rating is gone: used by " + app + " 1.0"),
                rename.getMessage());
        DB.execute("DROP FUNCTION nobody_calls()");
        registry.stop(app, "1.0");
        DB.execute("DROP FUNCTION avg_rating()");
    }

    /** What a live version writes only through a trigger stops with the trigger: its drop is checked, and an override of it recorded once. */
    @Test
    void aTriggerALiveVersionWritesThroughIsNotDroppedUnlessOverridden() throws SQLException {
        DB.execute("CREATE TABLE IF NOT EXISTS product_stats (id INT PRIMARY KEY, products INT)",
                "CREATE OR REPLACE FUNCTION count_product() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " UPDATE product_stats SET products = products + 1; RETURN NEW; END $$",
                "CREATE TRIGGER product_counted AFTER INSERT ON product FOR EACH ROW EXECUTE FUNCTION count_product()");
        registry.live(app, "1.0", "public", "write product.id", "write product_stats.products via trigger on public.product");
        SQLException refusal = refused("DROP TRIGGER product_counted ON product");
        assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("trigger product_counted on public.product: " + app + " 1.0 (1 live"
                + " instance) writes product_stats.products via trigger on public.product"), refusal.getMessage());
        DB.execute("/* driftguard:allow reason=\"counted in code from 1.1, " + app + "\" */ DROP TRIGGER product_counted ON product");
        assertEquals(1, overridesWithReason("counted in code from 1.1, " + app));
    }

    /** PostgreSQL tracks what a BEGIN ATOMIC body reads: CASCADE drops such a function with the column. */
    @Test
    void aFunctionThatCascadeDropsWithAColumnIsRolledBackWhileALiveVersionCallsIt() throws SQLException {
        DB.execute("CREATE FUNCTION rated() RETURNS numeric LANGUAGE sql BEGIN ATOMIC SELECT avg(rating) FROM product; END");
        registry.live(app, "1.0", "public", "call rated");
        SQLException refusal = refused("ALTER TABLE product DROP COLUMN rating CASCADE");
        assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("function public.rated() (dropped along by CASCADE): " + app
                + " 1.0 (1 live instance) calls it"), refusal.getMessage());
        assertTrue(columnExists("rating"));
    }

    @Test
    void dropOfAColumnNoLiveVersionUsesRuns() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating");
        DB.execute("ALTER TABLE product DROP COLUMN note");
        assertFalse(columnExists("note"));
    }

    @Test
    void typeChangeOfAUsedColumnIsRolledBackButAWideningRuns() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating", "read product.name");
        assertEquals("ZDG01", refused("ALTER TABLE product ALTER COLUMN rating TYPE text").getSQLState());
        DB.execute("ALTER TABLE product ALTER COLUMN rating TYPE bigint",
                "ALTER TABLE product ALTER COLUMN name TYPE varchar(80)");
    }

    @Test
    void dropOfAUsedTableIsRolledBack() throws SQLException {
        registry.live(app, "1.0", "public", "read product.name");
        assertEquals("ZDG01", refused("DROP TABLE product").getSQLState());
    }

    @Test
    void newNotNullColumnIsRolledBackWhileALiveVersionInsertsWithoutIt() throws SQLException {
        registry.live(app, "1.0", "public", "write product.id", "write product.name");
        assertEquals("ZDG01", refused("ALTER TABLE product ADD COLUMN origin VARCHAR(10) NOT NULL").getSQLState());
        DB.execute("ALTER TABLE product ADD COLUMN origin VARCHAR(10) NOT NULL DEFAULT 'EU'");
    }

    @Test
    void overrideCommentLetsItRunAndIsRecorded() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating");
        DB.execute("/* driftguard:allow reason=\"rating is dead code in " + app + "\" */ ALTER TABLE product DROP COLUMN rating");
        assertFalse(columnExists("rating"));
        assertEquals(1, overridesWithReason("rating is dead code in " + app));
    }

    @Test
    void anOverrideInsideAStringLiteralIsNoOverride() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating");
        for (String script : new String[] {
            "SELECT '/* driftguard:allow reason=\"in a literal\" */'; ALTER TABLE product DROP COLUMN rating",
            "SELECT $q$ /* driftguard:allow reason=\"in a dollar quote\" */ $q$; ALTER TABLE product DROP COLUMN rating"}) {
            try (Connection connection = DriverManager.getConnection(DB.url() + (DB.url().contains("?") ? "&" : "?") + "preferQueryMode=simple", DB.credentials());
                 Statement statement = connection.createStatement()) {
                // simple protocol: the server gets the whole script, and current_query() is all of it
                SQLException refusal = assertThrows(SQLException.class, () -> statement.execute(script));
                assertEquals("ZDG01", refusal.getSQLState(), script);
            }
            assertTrue(columnExists("rating"), script);
        }
    }

    @Test
    void theOverrideLogKeepsTheStatementWithoutItsLiterals() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating");
        DB.execute("/* driftguard:allow reason=\"defaults " + app + "\" */ ALTER TABLE product ALTER COLUMN rating"
                + " TYPE text USING 'MARKER-LITERAL-7'");
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT statement FROM driftguard.override_log WHERE reason = "
                     + "'defaults " + app + "'")) {
            assertTrue(rows.next());
            assertTrue(rows.getString(1).contains("ALTER COLUMN rating TYPE text USING ?"), rows.getString(1));
            assertFalse(rows.getString(1).contains("MARKER-LITERAL-7"), rows.getString(1));
        }
    }

    @Test
    void dropRunsOnceTheVersionIsGone() throws SQLException {
        registry.live(app, "1.0", "public", "read product.rating");
        refused("ALTER TABLE product DROP COLUMN rating");
        registry.stop(app, "1.0");
        DB.execute("ALTER TABLE product DROP COLUMN rating");
        assertFalse(columnExists("rating"));
    }
}
