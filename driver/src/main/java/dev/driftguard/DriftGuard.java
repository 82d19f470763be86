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
     * Publishes usage a last time and marks this process's instances stopped, so they leave the live view at once.
     * A JVM shutdown hook does the same; call this where the JVM outlives the application (application servers,
     * tests). Waits a few seconds at most.
     */
    public static void shutdown() {
        DriftGuardDriver.runtime().shutdown();
    }
}
