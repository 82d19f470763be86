package dev.driftguard.internal.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.InstanceMain;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.JvmProcess;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The design's field stories end to end: application versions as separate JVMs, the migration in a third, the
 * registry in the database, nothing mocked.
 */
abstract class ScenarioContract {

    abstract TestDatabase db();

    /**
     * A tenant's own schema (MariaDB: database) {@code name} holding a table of orders with a total, created
     * for one test; the statements that choose it at run time, read the total, and drop it qualified and not.
     */
    abstract Tenant tenant(String name) throws SQLException;

    /**
     * Creates {@code avg_stars()}, the average of product.rating, and {@code shop_score()}, which calls it: a
     * column the application reads only inside routines (PostgreSQL: {@code LANGUAGE sql} with a string body,
     * which PostgreSQL does not track).
     */
    abstract void createRatingFunctions() throws SQLException;

    /** Creates product_stats(id, products) and a trigger on product whose every insert adds one to products. */
    abstract void createCountingTrigger() throws SQLException;

    /** Drops the trigger {@link #createCountingTrigger} made, in the dialect's spelling. */
    abstract String dropCountingTrigger();

    /** One tenant's schema and the statements of the multi-tenant story, in the dialect's spelling. */
    static final class Tenant {
        final String schema;
        final String use;
        final String readTotal;
        final String dropQualified;
        final String dropUnqualified;

        Tenant(String schema, String use, String readTotal, String dropQualified, String dropUnqualified) {
            this.schema = schema;
            this.use = use;
            this.readTotal = readTotal;
            this.dropQualified = dropQualified;
            this.dropUnqualified = dropUnqualified;
        }
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private String app;
    private final List<JvmProcess> processes = new ArrayList<>();

    @BeforeEach
    void schema() throws SQLException {
        app = "story" + NEXT.incrementAndGet();
        db().execute("DROP FUNCTION IF EXISTS shop_score", "DROP FUNCTION IF EXISTS avg_stars",
                "DROP TABLE IF EXISTS product_stats",
                "DROP VIEW IF EXISTS product_summary", "DROP TABLE IF EXISTS product", "DROP TABLE IF EXISTS auth_user",
                "DROP TABLE IF EXISTS member",
                "CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT, sku VARCHAR(20))",
                "CREATE TABLE auth_user (id INT PRIMARY KEY, full_name VARCHAR(100))",
                "CREATE TABLE member (id INT PRIMARY KEY, member_id INT)",
                "INSERT INTO product VALUES (1, 'kettle', 4, 'K-1')", "INSERT INTO auth_user VALUES (1, 'Ada Lovelace')",
                "INSERT INTO member VALUES (1, 42)");
        if (registryInstalled()) {
            db().execute("UPDATE " + Registry.forUrl(db().url()).name("instance")
                    + " SET stopped_at = CURRENT_TIMESTAMP WHERE stopped_at IS NULL");
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (JvmProcess process : processes) {
            process.close();
        }
    }

    private JvmProcess release(String version, int ttlSeconds, String... sql) throws Exception {
        List<String> args = new ArrayList<>(List.of(driftguardUrl(), db().user(), db().password(), app, version, "1",
                Integer.toString(ttlSeconds)));
        args.addAll(List.of(sql));
        JvmProcess process = JvmProcess.start(InstanceMain.class, List.of(), args.toArray(new String[0]));
        processes.add(process);
        process.awaitLine("ready", Duration.ofSeconds(60));
        Await.until(app + " " + version + " in the live view", Duration.ofSeconds(30), () -> liveVersions().contains(version));
        return process;
    }

    private void stop(JvmProcess release) throws InterruptedException {
        release.send("stop");
        assertEquals(0, release.awaitExit(Duration.ofSeconds(30)));
    }

    /** Runs the migration as its own JVM; returns its first line of output per statement. */
    private String migrate(String version, String... ddl) throws Exception {
        List<String> args = new ArrayList<>(List.of(driftguardUrl(), db().user(), db().password(), app, version));
        args.addAll(List.of(ddl));
        try (JvmProcess migration = JvmProcess.start(MigrateMain.class, List.of(), args.toArray(new String[0]))) {
            String last = "";
            for (int i = 0; i < ddl.length; i++) {
                last = migration.awaitLine("", Duration.ofSeconds(60));
                if (last.startsWith("refused")) {
                    break;
                }
            }
            migration.awaitExit(Duration.ofSeconds(30));
            return last;
        }
    }

    private String driftguardUrl() {
        return db().driftguardUrl();
    }

    private List<String> liveVersions() {
        List<String> versions = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT version FROM "
                     + Registry.forUrl(db().url()).name("live_usage") + " WHERE app = '" + app + "'")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        } catch (SQLException notYet) {
            return versions;
        }
        return versions;
    }

    /** {@code schema.table.column} of each use of this test's app in the live view. */
    private List<String> liveSchemas() throws SQLException {
        List<String> uses = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_schema, table_name, column_name FROM "
                     + Registry.forUrl(db().url()).name("live_usage") + " WHERE app = '" + app + "' AND column_name <> ''")) {
            while (rows.next()) {
                uses.add(rows.getString(1) + "." + rows.getString(2) + "." + rows.getString(3));
            }
        }
        return uses;
    }

    /**
     * The measured fault: the Django story's own migration dropped, through CASCADE, the view a live version
     * reads (MariaDB keeps the view, broken). Harmless DDL on the same table still runs.
     */
    @Test
    void aDropThatTakesAViewALiveVersionReadsIsRefusedNamingTheChain() throws Exception {
        db().execute("CREATE VIEW product_summary AS SELECT id, rating FROM product");
        JvmProcess one = release("1", 60, "SELECT id, rating FROM product_summary");
        String schema = liveSchemas().get(0).split("\\.")[0];
        assertEquals("ok", migrate("2", "ALTER TABLE product DROP COLUMN sku CASCADE"), "no view uses sku");
        String refused = migrate("2", "ALTER TABLE product DROP COLUMN rating CASCADE");
        assertTrue(refused.startsWith("refused ZDG01"), refused);
        assertTrue(refused.contains("drop column " + schema + ".product.rating") && refused.contains("view " + schema
                + ".product_summary") && refused.contains(app + " 1 (1 live instance"), refused);
        assertTrue(columnExists("product", "rating"));
        stop(one);
        assertEquals("ok", migrate("2", "ALTER TABLE product DROP COLUMN rating CASCADE"));
    }

    /** The measured fault: a column read only inside a function the application calls was not even recorded. */
    @Test
    void aColumnReadOnlyInsideAFunctionTheApplicationCallsIsGuarded() throws Exception {
        createRatingFunctions();
        JvmProcess one = release("1", 60, "SELECT shop_score()");
        assertTrue(liveSchemas().stream().anyMatch(use -> use.endsWith(".product.rating")),
                "read through shop_score() and avg_stars(): " + liveSchemas());
        String schema = liveSchemas().get(0).split("\\.")[0];
        String refused = migrate("2", "ALTER TABLE product DROP COLUMN rating");
        assertTrue(refused.startsWith("refused ZDG01") && refused.contains(app + " 1 (1 live instance"), refused);
        assertTrue(refused.contains("reads rating via function " + schema + ".shop_score → function " + schema
                + ".avg_stars"), refused);
        assertEquals("ok", migrate("2", "ALTER TABLE product DROP COLUMN sku"), "no routine reads sku");
        String dropped = migrate("2", "DROP FUNCTION avg_stars");
        assertTrue(dropped.startsWith("refused ZDG01") && dropped.contains("drop routine " + schema + ".avg_stars")
                && dropped.contains("calls it via function " + schema + ".shop_score"), dropped);
        assertEquals("ok", migrate("2", "DROP FUNCTION unused_score"), "nobody calls it");
        stop(one);
        assertEquals("ok", migrate("2", "ALTER TABLE product DROP COLUMN rating", "DROP FUNCTION shop_score",
                "DROP FUNCTION avg_stars"));
    }

    /** The measured fault: a column updated only by a trigger that the application's INSERT fires. */
    @Test
    void aColumnWrittenOnlyByATriggerTheApplicationFiresIsGuarded() throws Exception {
        createCountingTrigger();
        JvmProcess one = release("1", 60, "INSERT INTO product (id, name) VALUES (2, 'toaster')");
        assertTrue(liveSchemas().stream().anyMatch(use -> use.endsWith(".product_stats.products")),
                "written through the trigger: " + liveSchemas());
        String refused = migrate("2", "ALTER TABLE product_stats DROP COLUMN products");
        assertTrue(refused.startsWith("refused ZDG01") && refused.contains(app + " 1 (1 live instance"), refused);
        String trigger = migrate("2", dropCountingTrigger());
        assertTrue(trigger.startsWith("refused ZDG01") && trigger.contains("drop trigger product_counted on ")
                && trigger.contains("writes product_stats.products via trigger on "), trigger);
        stop(one);
        assertEquals("ok", migrate("2", "ALTER TABLE product_stats DROP COLUMN products", dropCountingTrigger()));
    }

    /** The measured fault: after SET search_path, usage was filed under public, and the tenant's drop ran. */
    @Test
    void aColumnReadInASchemaChosenAtRunTimeIsGuardedInThatSchema() throws Exception {
        Tenant tenant = tenant("tenant" + NEXT.incrementAndGet());
        JvmProcess one = release("1", 60, tenant.use, tenant.readTotal);
        List<String> recorded = liveSchemas();
        assertTrue(!recorded.isEmpty() && recorded.stream().allMatch(use -> use.startsWith(tenant.schema + ".")),
                "recorded in the tenant's schema, nowhere else: " + recorded);

        String qualified = migrate("2", tenant.dropQualified);
        assertTrue(qualified.startsWith("refused ZDG01") && qualified.contains(app + " 1 (1 live instance"), qualified);
        String unqualified = migrate("2", tenant.use, tenant.dropUnqualified);
        assertTrue(unqualified.startsWith("refused ZDG01") && unqualified.contains(tenant.schema), unqualified);

        stop(one);
        assertEquals("ok", migrate("2", tenant.use, tenant.dropUnqualified));
    }

    private boolean columnExists(String table, String column) throws SQLException {
        try (Connection connection = db().connect();
             // this database only: on MariaDB a null catalog is every database on the server
             ResultSet columns = connection.getMetaData().getColumns(connection.getCatalog(), null, table, column)) {
            return columns.next();
        }
    }

    @Test
    void removeAFieldIsRefusedWhileReleaseOneIsLiveAndRunsOnceItIsGone() throws Exception {
        JvmProcess one = release("1", 60, "SELECT id, name, rating FROM product");
        release("2", 60, "SELECT id, name FROM product");
        String refused = migrate("3", "ALTER TABLE product DROP COLUMN rating");
        assertTrue(refused.startsWith("refused ZDG01 driftguard refused"), refused);
        assertTrue(refused.contains(app + " 1 (1 live instance"), refused);
        assertTrue(columnExists("product", "rating"));
        stop(one);
        assertEquals("ok", migrate("3", "ALTER TABLE product DROP COLUMN rating"));
        assertTrue(!columnExists("product", "rating"));
    }

    @Test
    void renameInThreeReleasesPassesEachStepAtTheRightTime() throws Exception {
        JvmProcess one = release("1", 60, "SELECT id, full_name FROM auth_user");
        assertTrue(migrate("2", "ALTER TABLE auth_user RENAME COLUMN full_name TO fullname").startsWith("refused ZDG01"));
        assertEquals("ok", migrate("2", "ALTER TABLE auth_user ADD COLUMN fullname VARCHAR(100)"));
        JvmProcess two = release("2", 60, "UPDATE auth_user SET full_name = 'Ada', fullname = 'Ada' WHERE id = 1");
        stop(one);
        assertTrue(migrate("3", "ALTER TABLE auth_user DROP COLUMN full_name").startsWith("refused ZDG01"));
        release("3", 60, "SELECT id, fullname FROM auth_user");
        stop(two);
        assertEquals("ok", migrate("3", "ALTER TABLE auth_user DROP COLUMN full_name"));
    }

    @Test
    void changingARepresentationRefusesTheFinalDropWhileAVersionReadsTheOldColumn() throws Exception {
        JvmProcess one = release("1", 60, "SELECT id, member_id FROM member");
        assertTrue(migrate("2", "ALTER TABLE member ADD COLUMN member_uuid VARCHAR(36)").startsWith("ok"));
        JvmProcess two = release("2", 60, "UPDATE member SET member_id = 42, member_uuid = 'a-b' WHERE id = 1");
        assertEquals("ok", migrate("2", "UPDATE member SET member_uuid = 'backfilled' WHERE member_uuid IS NULL"));
        release("3", 60, "SELECT id, member_uuid FROM member");
        stop(one);
        assertTrue(migrate("4", "ALTER TABLE member DROP COLUMN member_id").startsWith("refused ZDG01"));
        stop(two);
        assertEquals("ok", migrate("4", "ALTER TABLE member DROP COLUMN member_id"));
    }

    @Test
    void newNotNullColumnWithoutDefaultIsRefusedWhileALiveVersionInsertsWithoutIt() throws Exception {
        release("1", 60, "INSERT INTO product (id, name) VALUES (2, 'teapot')");
        String refused = migrate("2", "ALTER TABLE product ADD COLUMN origin VARCHAR(10) NOT NULL");
        assertTrue(refused.startsWith("refused ZDG01"), refused);
        assertTrue(!columnExists("product", "origin"));
    }

    @Test
    void dropRefusedWhileTheBlockerLivesSucceedsWithinTtlAfterItDies() throws Exception {
        int ttlSeconds = 4;
        JvmProcess one = release("1", ttlSeconds, "SELECT rating FROM product");
        assertTrue(migrate("2", "ALTER TABLE product DROP COLUMN rating").startsWith("refused ZDG01"));
        one.kill();
        long killed = System.nanoTime();
        Await.until("the dead version's TTL to run out", Duration.ofSeconds(ttlSeconds + 10), () -> liveVersions().isEmpty());
        assertEquals("ok", migrate("2", "ALTER TABLE product DROP COLUMN rating"));
        assertTrue(System.nanoTime() - killed < Duration.ofSeconds(ttlSeconds + 30).toNanos());
    }

    /** Whether the registry exists yet: a fresh database gets it from the first release. */
    private boolean registryInstalled() throws SQLException {
        try (Connection connection = db().connect()) {
            return Registry.forUrl(db().url()).version(connection) > 0;
        }
    }
}
