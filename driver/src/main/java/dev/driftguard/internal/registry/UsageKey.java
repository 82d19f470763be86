package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.UseWords;
import java.util.Objects;

/**
 * One row of usage in the registry: which database's table and column, read, written or (a routine) called, and
 * the object it is reached through ({@code ""} when the statement names it itself). Immutable.
 */
final class UsageKey implements Comparable<UsageKey> {

    final String catalog;
    final String schema;
    final String table;
    final String column;
    final Access access;
    final String via;

    UsageKey(String catalog, String schema, String table, String column, Access access, String via) {
        this.catalog = catalog;
        this.schema = schema;
        this.table = table;
        this.column = column;
        this.access = access;
        this.via = via;
    }

    /** The registry's name columns hold this many characters. */
    static final int NAME_LIMIT = 128;

    /** A recorded use in the database named {@code catalog}; an unknown schema is stored as empty. */
    static UsageKey of(String catalog, ColumnUse use) {
        return new UsageKey(catalog, use.schema() == null ? "" : stored(use.schema()), stored(use.table()),
                stored(use.column()), use.access(),
                storedVia(use.via()));
    }

    /** What a use is reached through as the registry can hold it; empty for none. */
    static String storedVia(String via) {
        return via == null || via.isEmpty() ? "" : stored(via, RegistryDialect.Key.VIA_LIMIT);
    }

    /**
     * A name as the registry can hold it, so that one odd name (from a failing statement, say) never blocks the
     * publication of every other: a NUL becomes U+FFFD, and a name longer than {@link #NAME_LIMIT} keeps its first
     * 119 characters, {@code ~} and 8 hex digits of its hash. The guard looks names up in the same form.
     */
    static String stored(String name) {
        return stored(name, NAME_LIMIT);
    }

    private static String stored(String name, int limit) {
        if (name == null) {
            return null;
        }
        String safe = name.indexOf('\0') < 0 ? name : name.replace('\0', '\uFFFD');
        if (safe.length() <= limit) {
            return safe;
        }
        return safe.substring(0, limit - 9) + "~" + String.format("%08x", safe.hashCode());
    }

    /**
     * What stands for {@link #via} in the registry's key: empty for a direct use, else 32 hex digits of the
     * SHA-256 of its text — a chain of objects is longer than a MariaDB key can hold.
     */
    String viaKey() {
        if (via.isEmpty()) {
            return "";
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(via.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < RegistryDialect.Key.VIA_KEY_LENGTH / 2; i++) {
                hex.append(String.format("%02x", hash[i]));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code reads product.rating}, {@code writes every column of product}, {@code uses table product}, {@code calls f}. */
    String describe() {
        return UseWords.of(access, table, column, via);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof UsageKey)) {
            return false;
        }
        UsageKey that = (UsageKey) other;
        return catalog.equals(that.catalog) && schema.equals(that.schema) && table.equals(that.table)
                && column.equals(that.column) && access.equals(that.access) && via.equals(that.via);
    }

    @Override
    public int hashCode() {
        return Objects.hash(catalog, schema, table, column, access, via);
    }

    /** A fixed order, so that concurrent writers lock rows in the same order and never deadlock each other. */
    @Override
    public int compareTo(UsageKey other) {
        int order = catalog.compareTo(other.catalog);
        if (order == 0) {
            order = schema.compareTo(other.schema);
        }
        if (order == 0) {
            order = table.compareTo(other.table);
        }
        if (order == 0) {
            order = column.compareTo(other.column);
        }
        if (order == 0) {
            order = access.label().compareTo(other.access.label()); // the order the registry's rows sort in
        }
        return order != 0 ? order : via.compareTo(other.via);
    }
}
