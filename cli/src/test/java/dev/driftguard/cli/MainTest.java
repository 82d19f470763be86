package dev.driftguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void noCommandPrintsTheOverviewAndExitsWithUsageError() {
        CliRun run = CliRun.of();
        assertEquals(2, run.exitCode);
        assertTrue(run.out.contains("usage"), run.out);
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, CliRun.of("--help").exitCode);
    }

    @Test
    void unknownCommandIsNamedAndExitsTwo() {
        CliRun run = CliRun.of("deploy");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("unknown command 'deploy'"), run.err);
    }

    @Test
    void everyCommandHasHelp() {
        CliRun run = CliRun.of("usage", "--help");
        assertEquals(0, run.exitCode);
        assertTrue(run.out.startsWith("Usage: driftguard usage"), run.out);
    }

    @Test
    void unknownOptionSaysWhatWasWrongAndWhereToLookWithoutAStackTrace() {
        CliRun run = CliRun.of("usage", "--colour", "red", "SELECT 1");
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("unknown option --colour"), run.err);
        assertTrue(run.err.contains("driftguard usage --help"), run.err);
        assertFalse(run.err.contains("\tat "), run.err);
    }
}
