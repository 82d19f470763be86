package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Access;
import java.time.OffsetDateTime;

/** One row of the live view: a live version's use of one column. Immutable. */
public final class LiveUse {

    /** Where the registry knows a use from: the {@code source} column of the live views. */
    public enum Source {
        /** Seen at run time. */
        OBSERVED,
        /** Declared by a manifest ({@code declare}), not seen at run time yet. */
        DECLARED,
        /** Declared and seen. */
        BOTH,
        /** In the manifest of a version about to be deployed ({@code precheck --incoming}): not live, not declared. */
        INCOMING;

        /** {@code observed}, {@code declared}, {@code both}, {@code incoming}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The source a live view's row names; one a newer registry knows and this driftguard does not is observed. */
        static Source stored(String label) {
            for (Source source : values()) {
                if (label != null && source.label().equals(label.trim())) {
                    return source;
                }
            }
            return OBSERVED;
        }
    }

    private final String app;
    private final String version;
    private final String column;
    private final Access access;
    private final int liveInstances;
    private final OffsetDateTime lastSeen;
    private final String via;
    private final Source source;

    LiveUse(String app, String version, String column, Access access, int liveInstances, OffsetDateTime lastSeen,
            String via, Source source) {
        this.app = app;
        this.version = version;
        this.column = column;
        this.access = access;
        this.liveInstances = liveInstances;
        this.lastSeen = lastSeen;
        this.via = via == null ? "" : via;
        this.source = source;
    }

    /**
     * A use of the version about to be deployed, from its manifest: no live instance, never seen. {@code column}
     * as {@link #column()} reads it for the question asked ({@code table.column} for a whole schema).
     */
    public static LiveUse incoming(String app, String version, String column, dev.driftguard.internal.sql.ColumnUse use) {
        return new LiveUse(app, version, column, use.access(), 0, null, use.via(), Source.INCOMING);
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

    /** Where the registry knows it from. */
    public Source source() {
        return source;
    }

    /** When the version last used it (registry clock, UTC); null for a use only declared or incoming. */
    public OffsetDateTime lastSeen() {
        return lastSeen;
    }
}
