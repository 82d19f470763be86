package dev.driftguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command, run as a user runs it: the built jar in a JVM of its own. */
class DemoJarIT {

    @RegisterExtension
    static final TestDatabase SERVER = TestDatabase.postgres();

    @TempDir
    Path workingDirectory;

    private Run demo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("sample.jar")));
        command.addAll(List.of(args));
        Path output = workingDirectory.resolve("demo-output.txt");
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the demo did not end within 5 minutes:\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        int line(String fragment) {
            int at = output.indexOf(fragment);
            assertTrue(at >= 0, "no '" + fragment + "' in:\n" + output);
            return at;
        }
    }

    @Test
    void demoWithoutArgumentsRefusesTheDropWhileReleaseOneIsLiveAndRunsItAfter() throws Exception {
        Run run = demo();
        assertEquals(0, run.exitCode, run.output);
        int refused = run.line("REFUSED. shop 3.0.0");
        int blocker = run.line("blocked by shop 1.0.0");
        int stopped = run.line("shop 1.0.0 is taken out of service");
        int migrated = run.line("shop 3.0.0 is serving");
        assertTrue(refused < blocker && blocker < stopped && stopped < migrated, run.output);
        run.line("shows what it recorded itself: GET /actuator/driftguard");
        run.line("DEPLOY READINESS OF LIVE VERSIONS (2)");
        run.line("shop 3.0.0: 1 live"); // the refused start of shop 3.0.0 left the live view as it ended
        assertTrue(Files.readString(workingDirectory.resolve("driftguard-demo-report.html")).contains("id=\"matrix\""));
    }

    @Test
    void renameScenarioOnAnExistingServerPassesEachStepAtTheRightTimeAndDropsItsDatabase() throws Exception {
        Run run = demo("--scenario", "rename", "--url", SERVER.url(), "--user", SERVER.user(), "--password",
                SERVER.password());
        assertEquals(0, run.exitCode, run.output);
        int hasty = run.line("REFUSED. members 1.1.0");
        int added = run.line("members 2.0.0 is serving");
        int dropRefused = run.line("REFUSED. members 4.0.0");
        int dropped = run.line("members 4.0.0 is serving");
        assertTrue(hasty < added && added < dropRefused && dropRefused < dropped, run.output);
        assertFalse(demoDatabasesLeft(), "the demo's database was not dropped");
    }

    @Test
    void declareScenarioRefusesADropOnlyTheTestsOfALiveReleaseShowAndRunsItOnceTheReleaseIsGone() throws Exception {
        Run run = demo("--scenario", "declare");
        assertEquals(0, run.exitCode, run.output);
        int manifest = run.line("{\"schema\":\"public\",\"table\":\"item\",\"column\":\"discount\",\"access\":\"read\"}");
        int falseSafe = run.line("safe    drop column public.item.discount");
        int declared = run.line("Declared catalog 1.0.0 in database catalog");
        int source = run.line("→ catalog 1.0.0 (1 live instance, source declared)");
        int refused = run.line("blocked by catalog 1.0.0 (1 live instance, declared by its manifest, not seen running yet):"
                + " reads discount");
        int migrated = run.line("catalog 2.0.0 is serving");
        assertTrue(manifest < falseSafe && falseSafe < declared && declared < source && source < refused
                && refused < migrated, run.output);
    }

    @Test
    void unknownScenarioIsAUsageError() throws Exception {
        Run run = demo("--scenario", "teleport");
        assertEquals(2, run.exitCode);
        run.line("use remove, rename or declare");
    }

    private static boolean demoDatabasesLeft() throws SQLException {
        try (Connection connection = SERVER.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'driftguard_demo_%'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
