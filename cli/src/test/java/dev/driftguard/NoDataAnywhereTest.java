package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.JvmProcess;
import dev.driftguard.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only identifiers, anywhere: a workload full of marker literals, bind values and passwords (in the URL and in
 * the connection properties) leaves none of them in a registry row, a log line at any level down to TRACE, an
 * exception driftguard raised, a report in any format, or {@code status}.
 */
class NoDataAnywhereTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @BeforeAll
    static void schema() throws SQLException {
        DB.execute("CREATE TABLE customer (id BIGINT PRIMARY KEY, email TEXT, note TEXT)");
    }

    @Test
    void noMarkerReachesTheRegistryLogsExceptionsReportsOrStatus(@TempDir Path reports) throws Exception {
        String url = DB.driftguardUrl() + (DB.driftguardUrl().contains("?") ? "&" : "?") + "password="
                + MarkerWorkload.URL_PASSWORD;
        String registryUrl = DB.url() + (DB.url().contains("?") ? "&" : "?") + "password="
                + MarkerWorkload.REGISTRY_PASSWORD;
        Map<String, String> places = new LinkedHashMap<>();
        try (JvmProcess workload = JvmProcess.start(MarkerWorkload.class, List.of(
                "org.slf4j.simpleLogger.defaultLogLevel=trace", "org.slf4j.simpleLogger.logFile=System.out",
                "marker.url=" + url), url, DB.user(), registryUrl)) {
            workload.awaitLine("done", Duration.ofSeconds(90));
            workload.send("stop");
            assertEquals(0, workload.awaitExit(Duration.ofSeconds(30)));
            String output = String.join("\n", workload.output());
            places.put("the workload's output and logs at TRACE", output);
            assertTrue(output.contains("exception: ZDG01") && output.contains("exception: ZDG02"), output);
            assertTrue(output.contains("DEBUG") || output.contains("TRACE"), "logs below INFO were written: " + output);
        }
        places.put("the registry", registryText());
        for (String format : new String[] {"text", "json", "csv", "markdown", "html"}) {
            Path out = reports.resolve("report." + format);
            cli("report", "--url", DB.url(), "--user", DB.user(), "--format", format, "--out", out.toString());
            places.put("the " + format + " report", Files.readString(out, StandardCharsets.UTF_8));
        }
        places.put("status", cli("status", "--url", DB.url(), "--user", DB.user(), "--all"));
        places.put("status --format json", cli("status", "--url", DB.url(), "--user", DB.user(), "--all",
                "--format", "json"));

        assertTrue(places.get("the registry").contains("customer") && places.get("the registry").contains("scan"),
                places.get("the registry"));
        assertTrue(places.get("the registry").contains("ADD COLUMN extra TEXT DEFAULT ?"),
                "the override's shape is kept: " + places.get("the registry"));
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> place : places.entrySet()) {
            for (String marker : new String[] {MarkerWorkload.LITERAL, MarkerWorkload.BIND_VALUE, MarkerWorkload.PASSWORD,
                    MarkerWorkload.URL_PASSWORD, MarkerWorkload.REGISTRY_PASSWORD, MarkerWorkload.ESCAPED,
                    MarkerWorkload.DOLLAR, Long.toString(MarkerWorkload.NUMBER)}) {
                if (place.getValue().contains(marker)) {
                    found.add(marker + " in " + place.getKey());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = dev.driftguard.cli.Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** Every row of every registry table, as text. */
    private static String registryText() throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'driftguard'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT t::text FROM driftguard." + table + " t")) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
