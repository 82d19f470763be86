package dev.driftguard;

/** Process-wide controls of driftguard. */
public final class DriftGuard {

    private DriftGuard() {
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
