package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.JvmProcess;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Application instances as separate JVMs: what they publish, and how they leave the live view. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InstanceProcessContract {

    abstract TestDatabase db();

    /** The database's URL as another process reaches it. */
    abstract String sharedUrl();

    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    void schema() throws SQLException {
        db().execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT)");
    }

    private JvmProcess instance(String app, String version, int ttlSeconds, String sql) throws Exception {
        return instance(app, version, ttlSeconds, sql, List.of());
    }

    private JvmProcess instance(String app, String version, int ttlSeconds, String sql, List<String> systemProperties)
            throws Exception {
        JvmProcess process = JvmProcess.start(InstanceMain.class, systemProperties,
                "jdbc:driftguard:" + sharedUrl().substring("jdbc:".length()), db().user(), db().password(), app,
                version, "1", Integer.toString(ttlSeconds), sql);
        process.awaitLine("ready", Duration.ofSeconds(60));
        return process;
    }

    private List<String> live(String app) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version, table_name, column_name, access FROM "
                     + Registry.forUrl(db().url()).name("live_usage") + " WHERE app = '" + app + "'"
                     + " AND column_name <> '' ORDER BY version, column_name")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2).toLowerCase() + "."
                        + result.getString(3).toLowerCase() + " " + result.getString(4));
            }
        } catch (SQLException e) {
            return List.of("registry not readable yet: " + e.getMessage());
        }
        return rows;
    }

    private static String app() {
        return "proc" + NEXT.incrementAndGet();
    }

    @Test
    void twoVersionsInSeparateJvmsBothShowInTheView() throws Exception {
        String app = app();
        try (JvmProcess one = instance(app, "1.0", 60, "SELECT rating FROM product");
             JvmProcess two = instance(app, "2.0", 60, "SELECT name FROM product")) {
            List<String> expected = List.of("1.0 product.rating read", "2.0 product.name read");
            Await.until("both versions in the live view", Duration.ofSeconds(30), () -> live(app).equals(expected));
        }
    }

    @Test
    void aProcessWritesWhatItUsedAsAManifestOfItsOwnWithoutAnyValue(@TempDir Path directory) throws Exception {
        assertManifestWritten(directory, List.of());
    }

    @Test
    void aProcessWritesItsManifestEvenWhenNoRegistryAnswers(@TempDir Path directory) throws Exception {
        assertManifestWritten(directory, List.of("driftguard.registry.url=jdbc:postgresql://127.0.0.1:9/nowhere"));
    }

    private void assertManifestWritten(Path directory, List<String> more) throws Exception {
        List<String> properties = new ArrayList<>(more);
        properties.add("driftguard.manifest.out=" + directory.resolve("manifest-{pid}.json"));
        try (JvmProcess process = instance("manifest", "3.0.0", 60,
                "SELECT name FROM product WHERE rating = 4711 OR name = 'MARKER-7f3a'", properties)) {
            process.send("stop");
            assertEquals(0, process.awaitExit(Duration.ofSeconds(30)));
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.collect(Collectors.toList());
        }
        assertEquals(1, files.size(), files.toString());
        assertFalse(files.get(0).getFileName().toString().contains("{pid}"), files.toString());
        String manifest = Files.readString(files.get(0));
        Matcher column = Pattern.compile("\\{\"schema\":\"[^\"]*\",\"table\":\"([^\"]*)\",\"column\":\"([^\"]*)\","
                + "\"access\":\"([^\"]*)\"}").matcher(manifest);
        TreeSet<String> columns = new TreeSet<>();
        while (column.find()) {
            columns.add((column.group(1) + "." + column.group(2) + " " + column.group(3)).toLowerCase(Locale.ROOT));
        }
        assertEquals(new TreeSet<>(List.of("product.name read", "product.rating read")), columns, manifest);
        assertTrue(manifest.startsWith("{\"format\":1,\"app\":\"manifest\",\"version\":\"3.0.0\","), manifest);
        for (String marker : new String[] {"4711", "MARKER", "SELECT", "WHERE"}) {
            assertFalse(manifest.contains(marker), marker + " in " + manifest);
        }
    }

    @Test
    void cleanShutdownLeavesTheViewAtOnce() throws Exception {
        String app = app();
        try (JvmProcess process = instance(app, "1.0", 60, "SELECT rating FROM product")) {
            Await.until("the version in the live view", Duration.ofSeconds(30), () -> !live(app).isEmpty());
            process.send("stop");
            assertEquals(0, process.awaitExit(Duration.ofSeconds(30)));
            assertEquals(List.of(), live(app));
        }
    }

    @Test
    void killedProcessLeavesTheViewOnlyAfterItsTtl() throws Exception {
        String app = app();
        int ttlSeconds = 4;
        try (JvmProcess process = instance(app, "1.0", ttlSeconds, "SELECT rating FROM product")) {
            Await.until("the version in the live view", Duration.ofSeconds(30), () -> !live(app).isEmpty());
            process.kill();
            assertEquals(List.of("1.0 product.rating read"), live(app));
            Await.until("the killed instance's TTL to run out", Duration.ofSeconds(ttlSeconds + 10),
                    () -> live(app).isEmpty());
        }
    }
}
