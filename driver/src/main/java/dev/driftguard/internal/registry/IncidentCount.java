package dev.driftguard.internal.registry;

import java.time.OffsetDateTime;

/** Drift incidents of one kind, version and target, counted, as {@link RegistryReader#incidents} reads them. */
public final class IncidentCount {

    public final String app;
    public final String version;
    /** {@code undefined_column}, {@code undefined_table} or {@code missing_at_start}. */
    public final String kind;
    public final String schema;
    public final String table;
    /** Null for a table. */
    public final String column;
    public final long count;
    public final OffsetDateTime firstAt;
    public final OffsetDateTime lastAt;

    IncidentCount(String app, String version, String kind, String schema, String table, String column, long count,
                  OffsetDateTime firstAt, OffsetDateTime lastAt) {
        this.app = app;
        this.version = version;
        this.kind = kind;
        this.schema = schema;
        this.table = table;
        this.column = column;
        this.count = count;
        this.firstAt = firstAt;
        this.lastAt = lastAt;
    }

    /** {@code product.rating} or {@code product (table)}, or just the name where the table is unknown. */
    public String target() {
        if (table.isEmpty()) {
            return column == null ? "?" : column;
        }
        return column == null ? table + " (table)" : table + "." + column;
    }

    /** {@code undefined column}. */
    public String kindWords() {
        return kind.replace('_', ' ');
    }
}
