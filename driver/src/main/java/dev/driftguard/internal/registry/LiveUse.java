package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Access;
import java.time.OffsetDateTime;

/** One row of the live view: a live version's use of one column. Immutable. */
public final class LiveUse {

    private final String app;
    private final String version;
    private final String column;
    private final Access access;
    private final int liveInstances;
    private final OffsetDateTime lastSeen;
    private final String via;

    LiveUse(String app, String version, String column, Access access, int liveInstances, OffsetDateTime lastSeen,
            String via) {
        this.app = app;
        this.version = version;
        this.column = column;
        this.access = access;
        this.liveInstances = liveInstances;
        this.lastSeen = lastSeen;
        this.via = via == null ? "" : via;
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

    /** {@code read}, {@code write} or {@code call} (then the column is empty and the table is the routine). */
    public Access access() {
        return access;
    }

    /**
     * The database object the version reaches this use through ({@code view public.product_summary}, {@code
     * function public.avg_stars → view public.v}), or empty when its statements name it themselves.
     */
    public String via() {
        return via;
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
