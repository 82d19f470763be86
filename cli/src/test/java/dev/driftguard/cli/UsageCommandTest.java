package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class UsageCommandTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void schema() throws SQLException {
        DB.execute("CREATE TABLE product (id INT PRIMARY KEY, name TEXT, rating INT)",
                "CREATE TABLE review (id INT PRIMARY KEY, product_id INT, score INT)");
    }

    private static List<JsonNode> lines(CliRun run) throws Exception {
        assertEquals(0, run.exitCode, run.err);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void eachStatementIsOneJsonObjectWithTheDesignedFields() throws Exception {
        List<JsonNode> lines = lines(CliRun.of("usage", "--dialect", "postgres",
                "SELECT p.name FROM product p WHERE p.rating > 3; UPDATE product SET rating = 1"));
        assertEquals(2, lines.size());
        JsonNode select = lines.get(0);
        assertEquals("SELECT p.name FROM product p WHERE p.rating > 3", select.get("sql").asText());
        assertEquals("select", select.get("kind").asText());
        assertTrue(select.get("error").isNull());
        assertEquals("public", select.get("columns").get(0).get("schema").asText());
        assertEquals("product", select.get("columns").get(0).get("table").asText());
        assertEquals("name", select.get("columns").get(0).get("column").asText());
        assertEquals("read", select.get("columns").get(0).get("access").asText());
        assertEquals("write", lines.get(1).get("columns").get(0).get("access").asText());
        assertEquals("update", lines.get(1).get("kind").asText());
    }

    @Test
    void withoutACatalogAnUnqualifiedColumnOfAJoinIsAttributedToBothTables() throws Exception {
        JsonNode line = lines(CliRun.of("usage", "--dialect", "postgres",
                "SELECT score FROM product p JOIN review r ON r.product_id = p.id")).get(0);
        assertTrue(line.get("ambiguous").asBoolean());
        assertTrue(line.toString().contains("{\"schema\":\"public\",\"table\":\"product\",\"column\":\"score\""), line.toString());
    }

    /** The design's "via": base columns reached through a view, a function calling a function, a trigger. */
    @Test
    void withUrlWhatViewsRoutinesAndTriggersUseIsListedWithVia() throws Exception {
        DB.execute("CREATE TABLE IF NOT EXISTS review_count (product_id INT, reviews INT)",
                "CREATE OR REPLACE VIEW rated AS SELECT id, rating FROM product",
                "CREATE OR REPLACE FUNCTION avg_stars() RETURNS numeric LANGUAGE sql AS 'SELECT avg(rating) FROM product'",
                "CREATE OR REPLACE FUNCTION shop_score() RETURNS numeric LANGUAGE sql AS 'SELECT avg_stars() * 2'",
                "CREATE OR REPLACE FUNCTION count_review() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " UPDATE review_count SET reviews = reviews + 1 WHERE product_id = NEW.product_id; RETURN NEW; END $$",
                "DROP TRIGGER IF EXISTS review_counted ON review",
                "CREATE TRIGGER review_counted AFTER INSERT ON review FOR EACH ROW EXECUTE FUNCTION count_review()");
        List<JsonNode> lines = lines(CliRun.of("usage", "--url", DB.url(), "--user", DB.user(), "--password",
                DB.password(), "SELECT id FROM rated; SELECT shop_score(); INSERT INTO review (id, product_id) VALUES (1, 1)"));
        String view = lines.get(0).get("columns").toString();
        assertTrue(view.contains("{\"schema\":\"public\",\"table\":\"rated\",\"column\":\"id\",\"access\":\"read\"}"), view);
        assertTrue(view.contains("\"table\":\"product\",\"column\":\"rating\",\"access\":\"read\",\"via\":\"view public.rated\""), view);
        String function = lines.get(1).get("columns").toString();
        assertTrue(function.contains("\"column\":\"rating\",\"access\":\"read\",\"via\":\"function public.shop_score → function public.avg_stars\""),
                function);
        assertTrue(function.contains("{\"schema\":\"public\",\"table\":\"shop_score\",\"column\":\"\",\"access\":\"call\"}"), function);
        assertTrue(function.contains("{\"schema\":\"public\",\"table\":\"avg_stars\",\"column\":\"\",\"access\":\"call\","
                + "\"via\":\"function public.shop_score\"}"), function);
        String trigger = lines.get(2).get("columns").toString();
        assertTrue(trigger.contains("\"table\":\"review_count\",\"column\":\"reviews\",\"access\":\"write\",\"via\":\"trigger on public.review\""),
                trigger);
    }

    @Test
    void withUrlAnUnqualifiedColumnIsResolvedAgainstTheCatalog() throws Exception {
        JsonNode line = lines(CliRun.of("usage", "--url", DB.url(), "--user", DB.user(), "--password", DB.password(),
                "SELECT score FROM product p JOIN review r ON r.product_id = p.id")).get(0);
        assertFalse(line.get("ambiguous").asBoolean());
        assertFalse(line.toString().contains("\"table\":\"product\",\"column\":\"score\""), line.toString());
        assertTrue(line.toString().contains("\"table\":\"review\",\"column\":\"score\""), line.toString());
    }

    @Test
    void statementsAreReadFromAFileAndSplitAtSemicolons(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queries.sql");
        Files.writeString(file, "-- reports\nSELECT name FROM product;\n\nDELETE FROM review WHERE score < 2;\n");
        assertEquals(2, lines(CliRun.of("usage", "--dialect", "postgres", "--file", file.toString())).size());
    }

    @Test
    void unparseableStatementCarriesItsErrorAndOthersStillPrint() throws Exception {
        List<JsonNode> lines = lines(CliRun.of("usage", "SELEKT nothing; SELECT a FROM t"));
        assertFalse(lines.get(0).get("error").isNull());
        assertTrue(lines.get(1).get("error").isNull());
    }

    @Test
    void missingFileIsAUsageError() {
        CliRun run = CliRun.of("usage", "--file", "/no/such/file.sql");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("no such file: /no/such/file.sql"), run.err);
    }

    @Test
    void binaryOrNonUtf8InputIsNamedAsSuch(@TempDir Path dir) throws Exception {
        Path binary = Files.write(dir.resolve("dump.bin"), new byte[] {'S', 'E', 'L', 0, 1, 2});
        CliRun run = CliRun.of("usage", "--file", binary.toString());
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("dump.bin is not a text file"), run.err);
        Path latin1 = Files.write(dir.resolve("latin1.sql"), "SELECT 'caf\u00e9'".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        run = CliRun.of("usage", "--file", latin1.toString());
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("latin1.sql is not UTF-8 text"), run.err);
        assertFalse(run.err.contains("Input length"), run.err);
    }

    @Test
    void anEmptyFileSuchAsDevNullHoldsNoSql() {
        CliRun run = CliRun.of("usage", "--file", "/dev/null");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("no SQL given"), run.err);
        assertFalse(run.err.contains("no such file"), run.err);
    }

    /** Measured before: 20,000 nested parentheses ran 180 s with no output. */
    @Test
    void aStatementTooDeepOrSlowToParseIsReportedAndTheNextStillPrints(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("deep.sql"),
                "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ";\nSELECT name FROM product");
        CliRun run = CliRun.of("usage", "--dialect", "postgres", "--file", file.toString());
        assertEquals(0, run.exitCode, run.err);
        List<JsonNode> lines = lines(run);
        assertEquals(2, lines.size(), run.out);
        assertFalse(lines.get(0).get("error").isNull(), "the deep statement must carry why it was not read");
        assertTrue(lines.get(1).get("error").isNull(), lines.get(1).toString());
    }

    @Test
    void unknownDialectListsTheKnownOnes() {
        CliRun run = CliRun.of("usage", "--dialect", "oracle", "SELECT 1");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("postgres, mysql, h2 or generic"), run.err);
    }

    @Test
    void noSqlIsAUsageError() {
        assertEquals(2, CliRun.of("usage").exitCode);
    }

    @Test
    void unreachableDatabaseIsAConnectionErrorWithTheUrlMasked() {
        CliRun run = CliRun.of("usage", "--url", "jdbc:postgresql://127.0.0.1:1/shop?password=hunter2", "SELECT 1");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("cannot connect to jdbc:postgresql://127.0.0.1:1/shop?password=***"), run.err);
        assertFalse(run.err.contains("hunter2"), run.err);
        assertFalse(run.err.contains("\tat "), run.err);
    }
}
