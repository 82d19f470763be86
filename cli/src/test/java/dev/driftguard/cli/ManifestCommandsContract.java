package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.registry.InstanceMain;
import dev.driftguard.internal.registry.LiveVersions;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.testsupport.JvmProcess;
import dev.driftguard.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * declare, precheck --incoming and the guard with declared usage, end to end: the manifest comes from a real test
 * JVM that ran against a database of its own (as a test suite does), and is declared for the application's
 * database, where the registry, the guard and the live view take it. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManifestCommandsContract {

    /** The application's database, with the registry. */
    abstract TestDatabase db();

    /** The database the "test suite" runs against: another name, as a test database has. */
    abstract TestDatabase testRun();

    /** The schema the registry names for the application's tables: {@code public}, or the database itself. */
    abstract String schema();

    private LiveVersions versions;

    @TempDir
    protected Path dir;

    @BeforeAll
    void tables() throws SQLException {
        for (TestDatabase database : List.of(db(), testRun())) {
            database.execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT, stars INT)");
        }
        versions = new LiveVersions(db());
    }

    /** A test JVM that runs {@code sql} through jdbc:driftguard: against the test database and writes its manifest. */
    private Path manifestFromATestRun(String version, String sql) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("manifests-" + version));
        try (JvmProcess run = JvmProcess.start(InstanceMain.class,
                List.of("driftguard.manifest.out=" + folder.resolve("manifest-{pid}.json")),
                testRun().driftguardUrl(), testRun().user(), testRun().password(), "shop", version + "-SNAPSHOT", "1",
                "60", sql)) {
            run.awaitLine("ready", Duration.ofSeconds(60));
            run.send("stop");
            assertEquals(0, run.awaitExit(Duration.ofSeconds(30)));
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
        return folder;
    }

    private CliRun cli(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--url", db().url(), "--user", db().user()));
        all.addAll(List.of(args));
        if (!db().password().isEmpty()) {
            all.addAll(List.of("--password", db().password()));
        }
        return CliRun.of(all.toArray(new String[0]));
    }

    private Path migration(String name, String sql) throws Exception {
        return Files.writeString(dir.resolve(name), sql);
    }

    /** {@code column source} rows of the live view for one version. */
    private List<String> liveView(String version) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT column_name, source FROM "
                     + Registry.forUrl(db().url()).name("live_usage") + " WHERE app = 'shop' AND version = '" + version
                     + "' ORDER BY column_name")) {
            while (result.next()) {
                rows.add(result.getString(1).toLowerCase(Locale.ROOT) + " " + result.getString(2));
            }
        }
        return rows;
    }

    private int declaredRows() throws SQLException {
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM "
                     + Registry.forUrl(db().url()).name("declared_usage"))) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void aColumnOnlyTheTestsOfALiveVersionUseIsRefusedUntilTheVersionStops() throws Exception {
        Path manifests = manifestFromATestRun("3.0.0", "SELECT rating FROM product WHERE id = 4711");
        CliRun declared = cli("declare", "--app", "shop", "--version", "3.0.0", manifests.toString());
        assertEquals(0, declared.exitCode, declared.out + declared.err);
        assertTrue(declared.out.contains("Declared shop 3.0.0 in database " + db().name()) || declared.out.contains(
                "Declared shop 3.0.0 in database " + db().name().toUpperCase(Locale.ROOT)), declared.out);
        assertTrue(declared.out.contains("was written by shop 3.0.0-SNAPSHOT"), declared.out);
        assertEquals(List.of(), liveView("3.0.0"), "declared usage counts only while the version is live");

        versions.live("shop", "3.0.0", schema(), "read product.id", "read product.name");
        assertEquals(List.of("id both", "name observed", "rating declared"), liveView("3.0.0"));
        CliRun status = cli("status");
        assertTrue(status.out.matches("(?s).*shop 3\\.0\\.0 +1 instance, 2 declared uses\n.*"), status.out);

        Path drop = migration("V7__drop_rating.sql", "ALTER TABLE product DROP COLUMN rating;");
        CliRun refused = cli("precheck", drop.toString());
        assertEquals(3, refused.exitCode, refused.out + refused.err);
        assertTrue(refused.out.contains("blocked by shop 3.0.0 (1 live instance, declared by its manifest, not seen"
                + " running yet): reads rating"), refused.out);

        Properties migrator = db().credentials();
        migrator.setProperty("driftguard.app", "migrator");
        migrator.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), migrator);
             Statement statement = connection.createStatement()) {
            SQLException guard = assertThrows(SQLException.class,
                    () -> statement.execute("ALTER TABLE product DROP COLUMN rating"));
            assertEquals("ZDG01", guard.getSQLState(), guard.getMessage());
            assertTrue(guard.getMessage().contains("shop 3.0.0"), guard.getMessage());
        }
        versions.stop("shop", "3.0.0");
        CliRun allowed = cli("precheck", drop.toString());
        assertEquals(0, allowed.exitCode, allowed.out + allowed.err);
    }

    @Test
    void declaringAVersionAgainReplacesItsDeclaration() throws Exception {
        Path first = manifestFromATestRun("4.1.0", "SELECT stars, name FROM product");
        assertEquals(0, cli("declare", "--version", "4.1.0", first.toString()).exitCode);
        Path second = manifestFromATestRun("4.1.0b", "SELECT name FROM product");
        CliRun again = cli("declare", "--version", "4.1.0", second.toString());
        assertEquals(0, again.exitCode, again.out + again.err);
        assertTrue(again.out.contains("replacing the 2 of its previous declaration"), again.out);
        versions.live("shop", "4.1.0", schema());
        assertEquals(List.of("name declared"), liveView("4.1.0"));
        versions.stop("shop", "4.1.0");
    }

    @Test
    void precheckIncomingRefusesToRemoveWhatTheVersionAboutToBeDeployedUses() throws Exception {
        Path incoming = manifestFromATestRun("5.0.0", "SELECT stars FROM product");
        Path drop = migration("V8__drop_stars.sql", "ALTER TABLE product DROP COLUMN stars;");
        CliRun refused = cli("precheck", "--incoming", incoming.toString(), drop.toString());
        assertEquals(3, refused.exitCode, refused.out + refused.err);
        assertTrue(refused.out.contains("blocked by shop 5.0.0-SNAPSHOT (about to be deployed, by its manifest): reads"
                + " stars"), refused.out);
        assertTrue(refused.out.contains("1 change blocked by live versions or the one about to be deployed"), refused.out);
        assertEquals(0, cli("precheck", drop.toString()).exitCode, "no live version uses stars");
        Path other = migration("V9__drop_name.sql", "ALTER TABLE product DROP COLUMN name;");
        CliRun allowed = cli("precheck", "--incoming", incoming.toString(), other.toString());
        assertEquals(0, allowed.exitCode, allowed.out + allowed.err);
    }

    @Test
    void aMalformedOrForeignManifestIsRefusedAndChangesNothing() throws Exception {
        Path good = manifestFromATestRun("6.0.0", "SELECT name FROM product");
        int before = declaredRows();
        Path foreign = Files.writeString(dir.resolve("package.json"), "{\"name\":\"SECRET-4711\",\"version\":\"1\"}");
        Path cut = Files.writeString(dir.resolve("cut.json"), "{\"format\":1,\"app\":\"SECRET-4711\",\"columns\":[");
        Path wrongAccess = Files.writeString(dir.resolve("access.json"), "{\"format\":1,\"app\":\"shop\",\"version\":\"6\","
                + "\"columns\":[{\"schema\":\"s\",\"table\":\"t\",\"column\":\"c\",\"access\":\"SECRET-4711\"}]}");
        for (Path bad : List.of(foreign, cut, wrongAccess)) {
            CliRun run = cli("declare", "--version", "6.0.0", good.toString(), bad.toString());
            assertEquals(2, run.exitCode, run.out + run.err);
            assertTrue(run.err.contains(bad + " is not a driftguard manifest: "), run.err);
            assertFalse(run.err.contains("SECRET-4711"), "a value of the file repeated: " + run.err);
            assertFalse(run.err.contains("Exception"), run.err);
        }
        assertEquals(before, declaredRows(), "nothing declared from a set with a bad manifest in it");
        String files = Stream.of(foreign, cut, wrongAccess).map(Path::toString).collect(Collectors.joining(","));
        CliRun precheck = cli("precheck", "--incoming", files, migration("V10.sql", "SELECT 1;").toString());
        assertEquals(2, precheck.exitCode, precheck.out + precheck.err);
    }
}
