package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff compares the manifests of two releases; it reads files only. */
class DiffCommandTest {

    @TempDir
    Path dir;

    /** A manifest in the format driftguard.manifest.out writes; each use {@code access schema.table.column}. */
    private Path manifest(String file, String version, String database, String... uses) throws Exception {
        List<String> columns = new ArrayList<>();
        for (String use : uses) {
            String[] words = use.split(" ");
            String[] name = words[1].split("\\.", 3);
            columns.add("{\"schema\":\"" + name[0] + "\",\"table\":\"" + name[1] + "\",\"column\":\""
                    + (name.length > 2 ? name[2] : "") + "\",\"access\":\"" + words[0] + "\"}");
        }
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "{\"format\":1,\"app\":\"shop\",\"version\":\"" + version + "\",\"database\":\""
                + database + "\",\"statement_shapes\":" + uses.length + ",\n\"columns\":[\n"
                + String.join(",\n", columns) + "],\n\"via\":[]}\n");
    }

    private Path oldRelease() throws Exception {
        return manifest("old.json", "2.0.0", "shop_test", "read public.product.rating", "read public.product.name",
                "read public.product.code", "read public.legacy.id", "call public.avg_stars", "read public.review.score");
    }

    private Path newRelease() throws Exception {
        return manifest("new.json", "3.0.0", "shop_test", "read public.product.name", "write public.product.stars",
                "read public.review.*", "read public.product");
    }

    @Test
    void saysWhatTheNewReleaseStopsAndStartsUsingAndWhatMayBeDroppedOnceTheOldIsGone() throws Exception {
        CliRun run = CliRun.of("diff", oldRelease().toString(), newRelease().toString());
        assertEquals(0, run.exitCode, run.err);
        assertEquals("driftguard diff: shop 2.0.0 → shop 3.0.0\n\n"
                + "Stops using (5):\n"
                + "  call   routine public.avg_stars\n"
                + "  read   public.legacy.id\n"
                + "  read   public.product.code\n"
                + "  read   public.product.rating\n"
                + "  read   public.review.score\n\n"
                + "Starts using (3):\n"
                + "  read   table public.product\n"
                + "  write  public.product.stars\n"
                + "  read   public.review (every column)\n\n"
                + "Drop candidates once shop 2.0.0 is gone (4):\n"
                + "  routine public.avg_stars\n"
                + "  table public.legacy\n"
                + "  public.product.code\n"
                + "  public.product.rating\n\n"
                + "Unchanged: 1 use.\n", run.out.replace("\r\n", "\n"));
    }

    @Test
    void jsonListsTheSameForAPipeline() throws Exception {
        CliRun run = CliRun.of("diff", "--format", "json", oldRelease().toString(), newRelease().toString());
        assertEquals(0, run.exitCode, run.err);
        JsonNode diff = new ObjectMapper().readTree(run.out);
        assertEquals("2.0.0", diff.get("old").get("version").asText());
        assertEquals(5, diff.get("stops_using").size());
        assertEquals(3, diff.get("starts_using").size());
        List<String> candidates = new ArrayList<>();
        diff.get("drop_candidates").forEach(c -> candidates.add(c.get("kind").asText() + " " + c.get("table").asText()
                + (c.get("column").asText().isEmpty() ? "" : "." + c.get("column").asText())));
        assertEquals(List.of("routine avg_stars", "table legacy", "column product.code", "column product.rating"),
                candidates);
        assertEquals(1, diff.get("unchanged").asInt());
    }

    /** On MariaDB/MySQL a test run's database is every use's schema, and two runs have two names. */
    @Test
    void twoTestDatabasesOfOneSchemaAreNoDifference() throws Exception {
        Path old = manifest("a.json", "2.0.0", "shop_test_a", "read shop_test_a.product.name");
        Path next = manifest("b.json", "3.0.0", "shop_test_b", "read shop_test_b.product.name");
        CliRun run = CliRun.of("diff", old.toString(), next.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("Stops using (0): none") && run.out.contains("Starts using (0): none")
                && run.out.contains("Unchanged: 1 use."), run.out);
    }

    @Test
    void aFolderIsTheManifestsInItMerged() throws Exception {
        manifest("new/unit.json", "3.0.0", "shop_test", "read public.product.name");
        manifest("new/it.json", "3.0.0", "shop_test", "read public.product.rating");
        CliRun run = CliRun.of("diff", manifest("old.json", "2.0.0", "shop_test", "read public.product.name",
                "read public.product.rating").toString(), dir.resolve("new").toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("Unchanged: 2 uses."), run.out);
    }

    @Test
    void anythingButTwoManifestsIsAUsageError() throws Exception {
        CliRun one = CliRun.of("diff", oldRelease().toString());
        assertEquals(2, one.exitCode);
        assertTrue(one.err.contains("give two manifests"), one.err);
        CliRun empty = CliRun.of("diff", Files.createDirectories(dir.resolve("empty")).toString(), newRelease().toString());
        assertEquals(2, empty.exitCode);
        assertTrue(empty.err.contains("no manifest (*.json) in the folder"), empty.err);
        CliRun missing = CliRun.of("diff", dir.resolve("nope.json").toString(), newRelease().toString());
        assertEquals(2, missing.exitCode);
        assertTrue(missing.err.contains("cannot read the manifest") && missing.err.contains("no such file"), missing.err);
    }
}
