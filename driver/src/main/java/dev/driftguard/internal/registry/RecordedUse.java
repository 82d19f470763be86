package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Access;
import java.time.OffsetDateTime;

/** One row of {@code column_usage}: a version's use of a column, as {@link RegistryReader#columnUses} reads it. */
public final class RecordedUse {

    public final String app;
    public final String version;
    public final String schema;
    public final String table;
    /** A column name, or {@code *} for a use of every column. */
    public final String column;
    public final Access access;
    /** What the use is reached through ({@code view public.v}), empty when the statement names it itself. */
    public final String via;
    public final OffsetDateTime firstSeen;
    public final OffsetDateTime lastSeen;
    public final long count;

    RecordedUse(String app, String version, String schema, String table, String column, String access, String via,
                OffsetDateTime firstSeen, OffsetDateTime lastSeen, long count) {
        this.app = app;
        this.version = version;
        this.schema = schema;
        this.table = table;
        this.column = column;
        this.access = Access.stored(access);
        this.via = via == null ? "" : via;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.count = count;
    }
}
