package dev.driftguard.registry;

import java.time.OffsetDateTime;

/** One row of the live view: a live version's use of one column. Immutable. */
public final class LiveUse {

    private final String app;
    private final String version;
    private final String column;
    private final String access;
    private final int liveInstances;
    private final OffsetDateTime lastSeen;

    LiveUse(String app, String version, String column, String access, int liveInstances, OffsetDateTime lastSeen) {
        this.app = app;
        this.version = version;
        this.column = column;
        this.access = access;
        this.liveInstances = liveInstances;
        this.lastSeen = lastSeen;
    }

    /** Application. */
    public String app() {
        return app;
    }

    /** Version. */
    public String version() {
        return version;
    }

    /** Whether this use names {@code column} (as the registry stores names: see {@link UsageKey#stored}). */
    public boolean isOf(String column) {
        return this.column.equalsIgnoreCase(UsageKey.stored(column));
    }

    /** Column, {@code *} or empty for the table itself. */
    public String column() {
        return column;
    }

    /** {@code read} or {@code write}. */
    public String access() {
        return access;
    }

    /** Live instances of the version now. */
    public int liveInstances() {
        return liveInstances;
    }

    /** When the version last used it (registry clock, UTC). */
    public OffsetDateTime lastSeen() {
        return lastSeen;
    }
}
