package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** precheck reads migrations, runs none of them, and says who they would break. */
class PrecheckCommandTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    /** An application database whose registry lives elsewhere. */
    @RegisterExtension
    static final TestDatabase NO_REGISTRY = TestDatabase.postgres();

    @TempDir
    Path dir;

    @BeforeAll
    static void liveVersionReadsRating() throws SQLException {
        DB.execute("CREATE TABLE product (id INT PRIMARY KEY, name TEXT, rating INT)");
        new LiveVersions(DB).live("shop", "1.4.0", "public", "read product.rating", "read product.name");
    }

    private Path migration(String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, sql);
        return file;
    }

    private CliRun precheck(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "precheck";
        all[1] = "--url";
        all[2] = DB.url();
        all[3] = "--user";
        all[4] = DB.user();
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }

    @Test
    void migrationThatBreaksALiveVersionExitsThreeAndNamesIt() throws Exception {
        CliRun run = precheck(migration("V3__drop_rating.sql", "ALTER TABLE product DROP COLUMN rating;").toString());
        assertEquals(3, run.exitCode, run.err);
        assertTrue(run.out.contains("REFUSED drop column public.product.rating"), run.out);
        assertTrue(run.out.contains("blocked by shop 1.4.0 (1 live instance"), run.out);
        assertTrue(run.out.contains("Do not run this migration yet."), run.out);
    }

    @Test
    void precheckRunsNothing() throws Exception {
        precheck(migration("V3__drop_rating.sql", "ALTER TABLE product DROP COLUMN rating;").toString());
        DB.execute("SELECT rating FROM product");
    }

    @Test
    void safeMigrationExitsZero() throws Exception {
        CliRun run = precheck(migration("V4__add_note.sql", "ALTER TABLE product ADD COLUMN note text;\n"
                + "ALTER TABLE product DROP COLUMN IF EXISTS legacy;").toString());
        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("safe    drop column public.product.legacy"), run.out);
    }

    @Test
    void jsonListsEveryHazardWithItsBlockers() throws Exception {
        CliRun run = precheck("--format", "json", migration("V3__drop.sql", "ALTER TABLE product DROP COLUMN rating").toString());
        JsonNode result = new ObjectMapper().readTree(run.out);
        assertTrue(result.get("refused").asBoolean());
        JsonNode hazard = result.get("statements").get(0).get("hazards").get(0);
        assertEquals("drop column", hazard.get("change").asText());
        assertEquals("rating", hazard.get("column").asText());
        assertEquals("1.4.0", hazard.get("blocked_by").get(0).get("version").asText());
        assertEquals("read", hazard.get("blocked_by").get(0).get("uses").get(0).get("access").asText());
    }

    @Test
    void markdownIsATableForAPullRequest() throws Exception {
        CliRun run = precheck("--format", "markdown", migration("V3__drop.sql", "ALTER TABLE product DROP COLUMN rating").toString());
        assertTrue(run.out.startsWith("### driftguard precheck: ⛔ 1 change would break live versions"), run.out);
        assertTrue(run.out.contains("| `V3__drop.sql` | drop column public.product.rating | blocked by shop 1.4.0"), run.out);
    }

    @Test
    void flywayFolderIsCheckedInVersionOrderFromAfterTheLastAppliedVersion() throws Exception {
        DB.execute("CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank INT, version VARCHAR(50),"
                + " success BOOLEAN)", "DELETE FROM flyway_schema_history",
                "INSERT INTO flyway_schema_history VALUES (1, '1', true), (2, '9', true)");
        Path folder = Files.createDirectory(dir.resolve("migrations"));
        Files.writeString(folder.resolve("V9__drop_name.sql"), "ALTER TABLE product DROP COLUMN name;");
        Files.writeString(folder.resolve("V10__drop_rating.sql"), "ALTER TABLE product DROP COLUMN rating;");
        Files.writeString(folder.resolve("V9_1__add_note.sql"), "ALTER TABLE product ADD COLUMN note2 text;");
        Files.writeString(folder.resolve("notes.txt"), "not a migration");
        try {
            CliRun run = precheck(folder.toString());
            assertEquals(3, run.exitCode, run.err);
            assertFalse(run.out.contains("V9__drop_name.sql"), run.out);
            assertTrue(run.out.indexOf("V9_1__add_note.sql") < run.out.indexOf("V10__drop_rating.sql"), run.out);
        } finally {
            DB.execute("DROP TABLE flyway_schema_history");
        }
    }

    @Test
    void ddlThatCannotBeAnalysedIsNotCalledSafe() throws Exception {
        CliRun run = precheck(migration("V5__odd.sql", "ALTER TABLE product DROP COLUMN rating RESTRICT ((;").toString());
        assertEquals(3, run.exitCode, run.out);
        assertTrue(run.out.contains("UNCLEAR"), run.out);
    }

    @Test
    void aDatabaseWithoutARegistryIsAnErrorNotSafe() throws Exception {
        Path file = migration("V3__drop_rating.sql", "ALTER TABLE product DROP COLUMN rating;");
        CliRun run = CliRun.of("precheck", "--url", NO_REGISTRY.url(), "--user", NO_REGISTRY.user(), file.toString());
        assertEquals(2, run.exitCode, run.out + run.err);
        assertTrue(run.err.contains("no driftguard registry") && run.err.contains("--registry-url"), run.err);
        assertEquals(0, CliRun.of("precheck", "--url", NO_REGISTRY.url(), "--user", NO_REGISTRY.user(),
                "--registry-url", DB.url(), migration("V4__add.sql", "ALTER TABLE product ADD COLUMN x int;").toString())
                .exitCode);
    }

    @Test
    void missingFileIsAUsageError() {
        CliRun run = precheck("/no/such/V1__x.sql");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("no such file or folder"), run.err);
    }
}
