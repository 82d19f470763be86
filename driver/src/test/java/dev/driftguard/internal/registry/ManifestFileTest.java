package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.sql.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFileTest {

    private static final UsageKey RATING = new UsageKey("shop", "public", "product", "rating", Access.READ, "");
    private static final UsageKey STARS = new UsageKey("shop", "public", "review", "stars", Access.READ,
            "view public.product_summary");

    @Test
    void columnsReachedThroughAnObjectNameItOnTheirLineAndInTheListOfObjects() {
        String json = ManifestFile.json("shop", "3.0.0", "shop", List.of(STARS, RATING), 2);
        assertEquals("{\"format\":1,\"app\":\"shop\",\"version\":\"3.0.0\",\"database\":\"shop\",\"statement_shapes\":2,\n"
                + "\"columns\":[\n"
                + "{\"schema\":\"public\",\"table\":\"product\",\"column\":\"rating\",\"access\":\"read\"},\n"
                + "{\"schema\":\"public\",\"table\":\"review\",\"column\":\"stars\",\"access\":\"read\","
                + "\"via\":\"view public.product_summary\"}],\n"
                + "\"via\":[\"view public.product_summary\"]}\n", json);
    }

    @Test
    void aManifestThatDidNotGrowIsNotWrittenAgainAndNoTemporaryFileIsLeft(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("nested/manifest.json");
        ManifestFile manifest = new ManifestFile(file.toString());
        manifest.write("shop", "3.0.0", "shop", 1, () -> List.of(RATING), 1);
        FileTime old = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, old);
        manifest.write("shop", "3.0.0", "shop", 1, () -> List.of(RATING), 1);
        assertEquals(old, Files.getLastModifiedTime(file));
        manifest.write("shop", "3.0.0", "shop", 2, () -> List.of(RATING, STARS), 2);
        assertTrue(Files.readString(file).contains("\"stars\""));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFileThatCannotBeWrittenIsSaidAndNeverThrown(@TempDir Path directory) throws Exception {
        Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");
        new ManifestFile(blocker.resolve("manifest.json").toString()).write("shop", "1", "shop", 1, () -> List.of(RATING), 1);
        new ManifestFile("\0bad").write("shop", "1", "shop", 1, () -> List.of(RATING), 1);
        assertFalse(Files.exists(blocker.resolve("manifest.json")));
    }
}
