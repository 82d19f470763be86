package dev.driftguard.sql;

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

    /** A use; {@code schema} is null where it cannot be known offline. */
    public ColumnUse(String schema, String table, String column, Access access) {
        this.schema = schema;
        this.table = Objects.requireNonNull(table, "table");
        this.column = Objects.requireNonNull(column, "column");
        this.access = Objects.requireNonNull(access, "access");
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
                && access == that.access;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, table, column, access);
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
        return order != 0 ? order : access.compareTo(other.access);
    }

    /** {@code read public.product.rating}. */
    @Override
    public String toString() {
        return access.label() + " " + (schema == null ? "" : schema + ".") + table + "." + column;
    }
}
