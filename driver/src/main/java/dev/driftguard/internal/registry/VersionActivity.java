package dev.driftguard.internal.registry;

import java.time.OffsetDateTime;

/** One version's instances summed up, as {@link RegistryReader#versions} reads them. Immutable. */
public final class VersionActivity {

    public final String app;
    public final String version;
    /** When its first instance registered; null when its instances were pruned but its usage kept. */
    public final OffsetDateTime firstStarted;
    public final OffsetDateTime lastHeartbeat;
    public final int liveInstances;
    /** Most statement shapes one instance recorded; null where the registry predates the count. */
    public final Long shapes;

    public VersionActivity(String app, String version, OffsetDateTime firstStarted, OffsetDateTime lastHeartbeat,
                           int liveInstances, Long shapes) {
        this.app = app;
        this.version = version;
        this.firstStarted = firstStarted;
        this.lastHeartbeat = lastHeartbeat;
        this.liveInstances = liveInstances;
        this.shapes = shapes;
    }
}
