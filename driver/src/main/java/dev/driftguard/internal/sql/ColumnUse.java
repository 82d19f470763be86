package dev.driftguard.internal.sql;

import java.util.Objects;

/**
 * One column a statement reads or writes, spelled as the database's catalog spells it. {@link #ALL} as the column
 * means the statement depends on every column ({@code SELECT *}, an INSERT without a column list);
 * {@link #TABLE} means it uses the table but no particular column ({@code SELECT count(*)}, a bare DELETE).
 */
public final class ColumnUse implements Comparable<ColumnUse> {

    /** Column name standing for "every column". */
    public static final String ALL = "*";
    /** Column name standing for "the table itself, no particular column". */
    public static final String TABLE = "";

    private final String schema;
    private final String table;
    private final String column;
    private final Access access;
    private final String via;

    /** A use; {@code schema} is null where it cannot be known offline. */
    public ColumnUse(String schema, String table, String column, Access access) {
        this(schema, table, column, access, null);
    }

    private ColumnUse(String schema, String table, String column, Access access, String via) {
        this.schema = schema;
        this.table = Objects.requireNonNull(table, "table");
        this.column = Objects.requireNonNull(column, "column");
        this.access = Objects.requireNonNull(access, "access");
        this.via = via;
    }

    /**
     * A use reached through {@code via} (an object and its chain, as {@link #via()} reads), or directly when
     * {@code via} is null or empty: a use as a manifest or the registry states it.
     */
    public static ColumnUse reached(String schema, String table, String column, Access access, String via) {
        return new ColumnUse(schema, table, column, access, via == null || via.isEmpty() ? null : via);
    }

    /**
     * This use, reached through a database object the statement uses: {@code function public.avg_stars},
     * {@code view public.product_summary}, {@code trigger on public.product}; an inner chain follows after
     * {@code →}.
     */
    public ColumnUse via(String object) {
        return new ColumnUse(schema, table, column, access, via == null ? object : object + " → " + via);
    }

    /** The database object (and chain) this use is reached through, or null when the statement names it itself. */
    public String via() {
        return via;
    }

    /** Schema (PostgreSQL, H2) or database (MariaDB/MySQL); null if unknown. */
    public String schema() {
        return schema;
    }

    /** Table name. */
    public String table() {
        return table;
    }

    /** Column name, {@link #ALL} or {@link #TABLE}. */
    public String column() {
        return column;
    }

    /** Read or write. */
    public Access access() {
        return access;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ColumnUse)) {
            return false;
        }
        ColumnUse that = (ColumnUse) other;
        return Objects.equals(schema, that.schema) && table.equals(that.table) && column.equals(that.column)
                && access == that.access && Objects.equals(via, that.via);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, table, column, access, via);
    }

    @Override
    public int compareTo(ColumnUse other) {
        int order = String.valueOf(schema).compareTo(String.valueOf(other.schema));
        if (order == 0) {
            order = table.compareTo(other.table);
        }
        if (order == 0) {
            order = column.compareTo(other.column);
        }
        if (order == 0) {
            order = access.compareTo(other.access);
        }
        return order != 0 ? order : String.valueOf(via).compareTo(String.valueOf(other.via));
    }

    /** {@code read public.product.rating}. */
    @Override
    public String toString() {
        return access.label() + " " + (schema == null ? "" : schema + ".") + table + "." + column
                + (via == null ? "" : " via " + via);
    }
}
