package dev.driftguard;

import java.util.List;

/** Process-wide controls of driftguard. */
public final class DriftGuard {

    private DriftGuard() {
    }

    /**
     * What driftguard has done in this process so far: one status per application version and database it has
     * connected to, empty before the first connection. Cheap; never waits for driftguard's threads or the registry.
     */
    public static List<DriftGuardStatus> status() {
        return DriftGuardDriver.runtime().status();
    }

    /**
     * What this thread runs from now until {@link #endMigration()} is a schema migration's: the guard checks its DDL
     * as always, and its statements are not recorded as the application's usage — a backfill that reads an old
     * column once at deploy is no use the running release depends on, and a test run that migrates a fresh
     * database would otherwise declare every column any migration ever read. The Spring Boot starter calls it
     * around Flyway's migrations; call it around a migration tool driftguard does not know. Calls nest.
     */
    public static void beginMigration() {
        DriftGuardDriver.runtime().migrations().begin();
    }

    /** This thread's migration ({@link #beginMigration()}) is over; its statements are recorded again. */
    public static void endMigration() {
        DriftGuardDriver.runtime().migrations().end();
    }

    /**
     * Publishes usage a last time and marks this process's instances stopped, so they leave the live view at once.
     * A JVM shutdown hook does the same; call this where the JVM outlives the application (application servers,
     * tests). Waits a few seconds at most.
     */
    public static void shutdown() {
        DriftGuardDriver.runtime().shutdown();
    }
}
