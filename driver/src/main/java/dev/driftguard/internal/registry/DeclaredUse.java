package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Access;
import java.util.Objects;

/**
 * One column use a manifest declares for a version: schema, table, column, access, and the object it is reached
 * through ({@code ""} when none). Names as the database's catalog spells them; no database, since a manifest is
 * declared for one. Immutable.
 */
public final class DeclaredUse implements Comparable<DeclaredUse> {

    private final String schema;
    private final String table;
    private final String column;
    private final Access access;
    private final String via;

    /** {@code column} is {@code *} for every column and empty for the table itself (a routine's call). */
    public DeclaredUse(String schema, String table, String column, Access access, String via) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.table = Objects.requireNonNull(table, "table");
        this.column = Objects.requireNonNull(column, "column");
        this.access = Objects.requireNonNull(access, "access");
        this.via = via == null ? "" : via;
    }

    /** The same use in another schema: a MariaDB/MySQL manifest's test database becomes the declared-for one. */
    public DeclaredUse inSchema(String other) {
        return new DeclaredUse(other, table, column, access, via);
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    public Access access() {
        return access;
    }

    /** The view, routine or trigger the use is reached through, or empty. */
    public String via() {
        return via;
    }

    /** As the registry keeps it in the database named {@code catalog}. */
    UsageKey key(String catalog) {
        return new UsageKey(catalog, UsageKey.stored(schema), UsageKey.stored(table), UsageKey.stored(column), access,
                UsageKey.storedVia(via));
    }

    @Override
    public int compareTo(DeclaredUse other) {
        int order = schema.compareTo(other.schema);
        order = order != 0 ? order : table.compareTo(other.table);
        order = order != 0 ? order : column.compareTo(other.column);
        order = order != 0 ? order : access.compareTo(other.access);
        return order != 0 ? order : via.compareTo(other.via);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeclaredUse)) {
            return false;
        }
        DeclaredUse other = (DeclaredUse) o;
        return schema.equals(other.schema) && table.equals(other.table) && column.equals(other.column)
                && access == other.access && via.equals(other.via);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, table, column, access, via);
    }

    /** {@code read public.product.rating}, with {@code via …} when reached through an object. */
    @Override
    public String toString() {
        return access.label() + " " + schema + "." + table + (column.isEmpty() ? "" : "." + column)
                + (via.isEmpty() ? "" : " via " + via);
    }
}
