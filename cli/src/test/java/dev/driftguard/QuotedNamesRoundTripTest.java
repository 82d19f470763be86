package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.cli.CliRun;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quoted names the parser would misread — a dot, a doubled quote, a newline inside, a Unicode escape, a name
 * longer than PostgreSQL keeps — are recorded as the catalog spells them, reach {@code live_usage} so, block the
 * DDL that names them in any spelling the server accepts, and come out of the report unchanged.
 */
class QuotedNamesRoundTripTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    /** What PostgreSQL keeps of a 70-character name: its first 63 bytes. */
    private static final String KEPT = "a_column_name_that_is_longer_than_postgres_keeps_in_its_catalog";
    private static final String LONG = KEPT + "_xyzzy0";

    @BeforeAll
    static void recordedByALiveVersion() throws SQLException {
        DB.execute("CREATE TABLE odd (id int, \"p.q\" int, \"x\"\"y\" int, \"new\nline\" int, rating int, " + LONG
                + " int, unused int)");
        Properties properties = DB.credentials();
        properties.setProperty("driftguard.app", "quoted");
        properties.setProperty("driftguard.version", "1.0");
        properties.setProperty("driftguard.heartbeat.seconds", "1");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             PreparedStatement query = connection.prepareStatement("SELECT \"p.q\", \"x\"\"y\", \"new\nline\","
                     + " U&\"r\\0061ting\", " + LONG + " FROM odd WHERE id = ?")) {
            query.setInt(1, 1);
            query.executeQuery().close();
        }
        Await.until("the names in live_usage", Duration.ofSeconds(30), () -> {
            try {
                return liveColumns().size() >= 6;
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    private static Set<String> liveColumns() throws SQLException {
        Set<String> columns = new TreeSet<>();
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM pg_tables WHERE schemaname = 'driftguard' AND tablename = 'column_usage'");
            if (!statement.getResultSet().next()) {
                return columns;
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT column_name FROM driftguard.live_usage WHERE app = 'quoted' AND table_name = 'odd'")) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    @Test
    void liveUsageSpellsEachNameAsTheCatalogDoes() throws SQLException {
        assertEquals(new TreeSet<>(Set.of("id", "p.q", "x\"y", "new\nline", "rating", KEPT)), liveColumns());
    }

    @Test
    void dropOfAQuotedNameIsRefusedInEverySpellingTheServerAccepts() throws SQLException {
        for (String column : new String[] {"\"p.q\"", "\"x\"\"y\"", "\"new\nline\"", "U&\"r\\0061ting\"", "rating",
            LONG + "_and_more"}) {
            SQLException refusal = assertThrows(SQLException.class, () -> migrate("ALTER TABLE odd DROP COLUMN " + column));
            assertEquals("ZDG01", refusal.getSQLState(), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("quoted 1.0"), refusal.getMessage());
        }
        assertDoesNotThrow(() -> migrate("ALTER TABLE odd DROP COLUMN unused"));
    }

    @Test
    void theReportKeepsEveryNameAsItIs() throws Exception {
        CliRun run = CliRun.of("report", "--url", DB.url(), "--user", DB.user(), "--password", DB.password(),
                "--format", "json");
        assertEquals(0, run.exitCode, run.err);
        Set<String> texts = new HashSet<>();
        collectTexts(new ObjectMapper().readTree(run.out), texts);
        assertTrue(texts.containsAll(Set.of("p.q", "x\"y", "new\nline", KEPT)), texts.toString());
    }

    private static void collectTexts(JsonNode node, Set<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(child -> collectTexts(child, texts));
    }

    private static void migrate(String ddl) throws SQLException {
        Properties properties = DB.credentials();
        properties.setProperty("driftguard.app", "quoted-migrator");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(DB.driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }
}
