package dev.driftguard.internal.registry;

import java.time.OffsetDateTime;

/** One instance as the registry sees it now. Immutable. */
public final class InstanceStatus {

    private final String app;
    private final String version;
    private final String instanceId;
    private final String host;
    private final long pid;
    private final OffsetDateTime startedAt;
    private final OffsetDateTime lastHeartbeat;
    private final boolean live;

    InstanceStatus(String app, String version, String instanceId, String host, long pid, OffsetDateTime startedAt,
                   OffsetDateTime lastHeartbeat, boolean live) {
        this.app = app;
        this.version = version;
        this.instanceId = instanceId;
        this.host = host;
        this.pid = pid;
        this.startedAt = startedAt;
        this.lastHeartbeat = lastHeartbeat;
        this.live = live;
    }

    /** Application name. */
    public String app() {
        return app;
    }

    /** Application version. */
    public String version() {
        return version;
    }

    /** Instance id. */
    public String instanceId() {
        return instanceId;
    }

    /** Host name. */
    public String host() {
        return host;
    }

    /** Process id. */
    public long pid() {
        return pid;
    }

    /** When it registered, on the registry's clock. */
    public OffsetDateTime startedAt() {
        return startedAt;
    }

    /** When it was last heard from, on the registry's clock. */
    public OffsetDateTime lastHeartbeat() {
        return lastHeartbeat;
    }

    /** Whether it counts as live now. */
    public boolean live() {
        return live;
    }
}
