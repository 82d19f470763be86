package dev.driftguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample build's tests of each release, as a team's build would run them: the release (the packaged jar) on
 * a test database of its own, every endpoint taken, through the driftguard starter with {@code
 * driftguard.manifest.out}. Each release leaves its manifest in {@code target/driftguard/<release>/}, for the
 * deploy pipeline to {@code declare}; what the manifest says is held against what the release's code does.
 */
class ReleaseManifestsIT {

    @RegisterExtension
    static final TestDatabase SERVER = TestDatabase.postgres();

    private static final String MARKER = "MARKER-4711";

    /** Per application: the endpoint, and a body every release of it accepts (unknown fields are ignored). */
    private static final Map<String, String[]> ENDPOINTS = Map.of(
            "shop", new String[] {"/products", "{\"name\":\"" + MARKER + " lamp\",\"rating\":4}"},
            "members", new String[] {"/members", "{\"username\":\"" + MARKER + "\",\"name\":\"Ada Lovelace\"}"},
            "catalog", new String[] {"/items", "{\"name\":\"" + MARKER + " chair\"}"});

    /** What each release's code reads (first) and does not touch at all (second), as its entities and queries say. */
    private static final Map<Release, List<String>[]> FACTS = Map.ofEntries(
            facts(Release.SHOP_1, List.of("product.name", "product.rating"), List.of()),
            facts(Release.SHOP_2, List.of("product.name"), List.of("product.rating")),
            facts(Release.SHOP_3, List.of("product.name"), List.of("product.rating")),
            facts(Release.MEMBERS_1, List.of("auth_user.full_name"), List.of("auth_user.fullname")),
            facts(Release.MEMBERS_HASTY, List.of("auth_user.fullname"), List.of("auth_user.full_name")),
            facts(Release.MEMBERS_2, List.of("auth_user.full_name", "auth_user.fullname"), List.of()),
            facts(Release.MEMBERS_3, List.of("auth_user.fullname"), List.of("auth_user.full_name")),
            facts(Release.MEMBERS_4, List.of("auth_user.fullname"), List.of("auth_user.full_name")),
            facts(Release.CATALOG_1, List.of("item.name", "item.discount"), List.of()),
            facts(Release.CATALOG_2, List.of("item.name"), List.of("item.discount")));

    @SuppressWarnings("unchecked")
    private static Map.Entry<Release, List<String>[]> facts(Release release, List<String> reads, List<String> untouched) {
        return Map.entry(release, new List[] {reads, untouched});
    }

    @TempDir
    Path logs;

    @ParameterizedTest
    @EnumSource(Release.class)
    void eachReleaseWritesWhatItsEndpointsUseAsItsManifest(Release release) throws Exception {
        List<String>[] facts = FACTS.get(release);
        assertTrue(facts != null, "no facts for " + release + ": say what its code reads");
        Path folder = Path.of("target", "driftguard", release.cliName()).toAbsolutePath();
        deleteManifests(folder);
        String[] endpoint = ENDPOINTS.get(release.app);
        try (DemoDatabase database = DemoDatabase.on(SERVER.url(), SERVER.user(), SERVER.password(), "dg_manifest", false);
             ReleaseProcess run = ReleaseProcess.start(release, database, logs,
                     List.of("driftguard.manifest.out=" + folder.resolve("manifest-{pid}.json")),
                     List.of("-jar", System.getProperty("sample.jar")))) {
            assertTrue(run.awaitServing(endpoint[0], Duration.ofSeconds(120)), "did not start; see " + run.log);
            run.post(endpoint[0], endpoint[1]);
            run.get(endpoint[0]);
            if (release == Release.CATALOG_1) {
                run.get("/items/clearance");
            }
            run.close(); // SIGTERM, as a build's test JVM ends: the manifest is written at exit
        }
        List<Path> manifests;
        try (Stream<Path> files = Files.list(folder)) {
            manifests = files.collect(Collectors.toList());
        }
        assertEquals(1, manifests.size(), manifests.toString());
        String manifest = Files.readString(manifests.get(0));
        assertTrue(manifest.startsWith("{\"format\":1,\"app\":\"" + release.app + "\",\"version\":\"" + release.version
                + "\","), manifest);
        for (String read : facts[0]) {
            assertTrue(manifest.contains(use(read, "read")), release + " reads " + read + ":\n" + manifest);
        }
        for (String untouched : facts[1]) {
            String[] name = untouched.split("\\.");
            assertFalse(manifest.contains("\"table\":\"" + name[0] + "\",\"column\":\"" + name[1] + "\""),
                    release + " does not use " + untouched + ":\n" + manifest);
        }
        assertFalse(manifest.contains(MARKER) || manifest.contains("Ada"), "a value in the manifest:\n" + manifest);
    }

    private static String use(String column, String access) {
        String[] name = column.split("\\.");
        return "{\"schema\":\"public\",\"table\":\"" + name[0] + "\",\"column\":\"" + name[1] + "\",\"access\":\""
                + access + "\"}";
    }

    /** A rerun's manifest replaces the last one's: a folder of stale manifests would be declared with it. */
    private static void deleteManifests(Path folder) throws Exception {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.collect(Collectors.toList())) {
                    Files.delete(file);
                }
            }
        }
    }
}
