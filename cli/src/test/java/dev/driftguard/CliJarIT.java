package dev.driftguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** driftguard-cli.jar as a user runs it: its own JVM, {@code java -jar}, exit codes and output. */
class CliJarIT {

    private static final Path JAR = Path.of(System.getProperty("driftguard.cli.jar"));

    private static final class Result {
        final int exitCode;
        final String out;
        final String err;

        Result(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Result(process.exitValue(), out, err);
    }

    @Test
    void usagePrintsJsonAndExitsZero() throws Exception {
        Result result = run("usage", "--dialect", "postgres", "SELECT name FROM product WHERE rating > 3");
        assertEquals(0, result.exitCode, result.err);
        assertTrue(result.out.startsWith("{\"sql\":\"SELECT name FROM product WHERE rating > 3\",\"kind\":\"select\""),
                result.out);
    }

    @Test
    void wrongUsageExitsTwoWithAMessageAndNoStackTrace() throws Exception {
        Result result = run("usage", "--nope");
        assertEquals(2, result.exitCode);
        assertTrue(result.err.contains("unknown option --nope"), result.err);
        assertTrue(!result.err.contains("\tat "), result.err);
    }

    @Test
    void bundledDriversReachEveryDatabaseKind() throws Exception {
        Result result = run("usage", "--url", "jdbc:h2:mem:cli", "SELECT 1");
        assertEquals(0, result.exitCode, result.err);
    }
}
