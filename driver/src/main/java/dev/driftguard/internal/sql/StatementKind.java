package dev.driftguard.internal.sql;

import java.util.Locale;

/** What kind of statement a text is, as the {@code usage} command prints it. */
public enum StatementKind {
    SELECT, INSERT, UPDATE, DELETE, MERGE, DDL, OTHER;

    /** Lower-case name, as printed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
