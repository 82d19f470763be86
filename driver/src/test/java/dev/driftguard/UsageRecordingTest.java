package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import dev.driftguard.internal.usage.ShapeCount;
import dev.driftguard.internal.usage.UsageRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statements run through {@code jdbc:driftguard:} end up as columns of the right tables, resolved by the catalog. */
class UsageRecordingTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @BeforeAll
    static void schema() throws SQLException {
        DB.execute("CREATE TABLE product (id INT PRIMARY KEY, name TEXT, rating INT)",
                "CREATE TABLE review (id INT PRIMARY KEY, product_id INT, score INT, body TEXT)",
                "INSERT INTO product VALUES (1, 'kettle', 4)", "INSERT INTO review VALUES (1, 1, 5, 'great')");
    }

    private static Properties as(String app, String version) {
        Properties properties = DB.credentials();
        properties.setProperty("driftguard.app", app);
        properties.setProperty("driftguard.version", version);
        return properties;
    }

    /** The recorder the connections above used; asking for it hands the runtime a source as a connection would. */
    private static UsageRecorder recorder(Properties properties) throws java.sql.SQLException {
        Settings settings = Settings.resolve(properties, DriftGuardDriver.runtime().environment());
        return DriftGuardDriver.runtime().recording(DB.url(), settings, DB::connect, DB.credentials()).recorder;
    }

    private static Set<String> columnsRecorded(UsageRecorder recorder, int shapes) {
        Await.until(shapes + " shapes parsed", Duration.ofSeconds(10),
                () -> recorder.shapes() >= shapes && recorder.pending() == 0);
        List<ShapeCount> counts = recorder.drain();
        return counts.stream().flatMap(count -> count.usage().columns().stream()).map(ColumnUse::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void unqualifiedColumnsOfAJoinAreResolvedThroughTheCatalog() throws SQLException {
        Properties properties = as("shop", "join-1");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT name, score FROM product p JOIN review r ON r.product_id = p.id WHERE rating > ?")) {
            query.setInt(1, 3);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                assertEquals("kettle", rows.getString(1));
            }
        }
        assertEquals(Set.of("read public.product.id", "read public.product.name", "read public.product.rating",
                "read public.review.product_id", "read public.review.score"), columnsRecorded(recorder(properties), 1));
    }

    /** The same text read in two schemas chosen at run time is two shapes, each filed where the session found it. */
    @Test
    void aSchemaSetOnTheConnectionIsWhereItsUnqualifiedNamesAreRecorded() throws SQLException {
        DB.execute("CREATE SCHEMA IF NOT EXISTS tenant_a", "CREATE SCHEMA IF NOT EXISTS tenant_b",
                "CREATE TABLE IF NOT EXISTS tenant_a.invoice (id INT, amount INT)",
                "CREATE TABLE IF NOT EXISTS tenant_b.invoice (id INT, amount INT)");
        Properties properties = as("tenants", "schema-1");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            connection.setSchema("tenant_a");
            statement.executeQuery("SELECT amount FROM invoice").close();
            statement.execute("SET search_path TO tenant_b");
            statement.executeQuery("SELECT amount FROM invoice").close();
        }
        assertEquals(Set.of("read tenant_a.invoice.amount", "read tenant_b.invoice.amount"),
                columnsRecorded(recorder(properties), 2));
    }

    /**
     * {@code SELECT set_config('search_path', …)} moves the path as {@code SET} does; a table on no schema of the
     * path (here a temporary one) is filed under each of them, as ambiguous, never under one alone. Expected
     * schemas come from the server's own resolution.
     */
    @Test
    void aPathSetBySetConfigIsFollowedAndATableOnNoSchemaOfThePathIsFiledUnderEach() throws SQLException {
        DB.execute("CREATE SCHEMA IF NOT EXISTS tenant_c", "CREATE SCHEMA IF NOT EXISTS tenant_d",
                "CREATE TABLE IF NOT EXISTS tenant_d.invoice (id INT, amount INT)");
        Properties properties = as("tenants", "set-config-1");
        String resolved;
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT set_config('search_path', 'tenant_c, tenant_d', false)").close();
            statement.executeQuery("SELECT amount FROM invoice").close();
            try (ResultSet rows = statement.executeQuery("SELECT relnamespace::regnamespace FROM pg_class"
                    + " WHERE oid = 'invoice'::regclass")) {
                rows.next();
                resolved = rows.getString(1);
            }
        }
        assertEquals("tenant_d", resolved, "the server's answer");
        assertEquals(Set.of("read " + resolved + ".invoice.amount"), columnsRecorded(recorder(properties), 3));

        Properties scratch = as("tenants", "nowhere-1");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), scratch);
             Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO tenant_c, tenant_d");
            statement.execute("CREATE TEMPORARY TABLE scratch (total INT)");
            statement.executeQuery("SELECT total FROM scratch").close();
        }
        UsageRecorder recorder = recorder(scratch);
        Await.until("the shapes parsed", Duration.ofSeconds(10), () -> recorder.shapes() >= 3 && recorder.pending() == 0);
        ShapeCount select = recorder.drain().stream().filter(count -> count.usage().kind() == dev.driftguard.internal.sql.StatementKind.SELECT)
                .findFirst().orElseThrow();
        assertTrue(select.usage().ambiguous(), select.usage().toString());
        assertEquals(Set.of("read tenant_c.scratch.total", "read tenant_d.scratch.total"), select.usage().columns().stream()
                .map(ColumnUse::toString).collect(Collectors.toSet()));
    }

    /** PostgreSQL's "$user" on the path is the schema named after the connection's user, when there is one. */
    @Test
    void theUsersOwnSchemaOnThePathIsWhereItsTablesAreFound() throws SQLException {
        DB.execute("CREATE SCHEMA IF NOT EXISTS \"" + DB.user() + "\"",
                "CREATE TABLE IF NOT EXISTS \"" + DB.user() + "\".ledger (id INT, amount INT)",
                "CREATE TABLE IF NOT EXISTS public.ledger (id INT, amount INT)");
        Properties properties = as("tenants", "user-schema-1");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO \"$user\", public");
            statement.executeQuery("SELECT amount FROM ledger").close();
        }
        assertEquals(Set.of("read " + DB.user() + ".ledger.amount"), columnsRecorded(recorder(properties), 1));
    }

    @Test
    void eachVersionIsRecordedApart() throws SQLException {
        for (String version : new String[] {"v-1", "v-2"}) {
            try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), as("shop", version));
                 Statement statement = connection.createStatement()) {
                statement.executeQuery(version.equals("v-1") ? "SELECT rating FROM product" : "SELECT name FROM product")
                        .close();
            }
        }
        assertEquals(Set.of("read public.product.rating"), columnsRecorded(recorder(as("shop", "v-1")), 1));
        assertEquals(Set.of("read public.product.name"), columnsRecorded(recorder(as("shop", "v-2")), 1));
    }

    @Test
    void recordingOffRecordsNothing() throws SQLException {
        Properties properties = as("shop", "quiet");
        properties.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT rating FROM product").close();
        }
        assertEquals(null, recorder(properties));
    }

    @Test
    void statementTheParserCannotReadStillRunsAndReturnsItsResult() throws SQLException {
        Properties properties = as("shop", "odd-sql");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 2 OPERATOR(pg_catalog.+) 3")) {
            assertTrue(rows.next());
            assertEquals(5, rows.getInt(1));
        }
        UsageRecorder recorder = recorder(properties);
        columnsRecorded(recorder, 1);
        assertEquals(1, recorder.unparseable());
    }

    @Test
    void literalsOfExecutedStatementsAreNotInTheRecordedUsage() throws SQLException {
        Properties properties = as("shop", "literals");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT id FROM review WHERE body = 'secret-token-4711'").close();
        }
        Set<String> columns = columnsRecorded(recorder(properties), 1);
        assertFalse(columns.toString().contains("4711"), columns.toString());
        assertEquals(Set.of("read public.review.body", "read public.review.id"), columns);
    }
}
