package dev.driftguard.internal.sql;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Everything one statement text uses: its kind, its columns, the routines it calls. Immutable. */
public final class StatementUsage {

    private final StatementKind kind;
    private final Set<ColumnUse> columns;
    private final Set<String> routines;
    private final boolean ambiguous;
    private final String error;

    StatementUsage(StatementKind kind, Set<ColumnUse> columns, Set<String> routines, boolean ambiguous, String error) {
        this.kind = kind;
        this.columns = Collections.unmodifiableSet(new TreeSet<>(columns));
        this.routines = Collections.unmodifiableSet(new TreeSet<>(routines));
        this.ambiguous = ambiguous;
        this.error = error;
    }

    /** The usage of a text that could not be analysed; {@code error} says why, without quoting the text. */
    public static StatementUsage failed(String error) {
        return new StatementUsage(StatementKind.OTHER, Set.of(), Set.of(), false, error);
    }

    /** Statement kind. */
    public StatementKind kind() {
        return kind;
    }

    /** Columns read and written, sorted. */
    public Set<ColumnUse> columns() {
        return columns;
    }

    /** Functions and procedures called by CALL / EXEC / JDBC call escapes. */
    public Set<String> routines() {
        return routines;
    }

    /** Whether an unqualified column could not be tied to one table and was attributed to every candidate. */
    public boolean ambiguous() {
        return ambiguous;
    }

    /** Why the text could not be analysed, or null. */
    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return kind.label() + " " + columns + (routines.isEmpty() ? "" : " calls " + routines)
                + (ambiguous ? " (ambiguous)" : "") + (error == null ? "" : " error: " + error);
    }
}
