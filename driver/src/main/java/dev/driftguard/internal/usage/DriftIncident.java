package dev.driftguard.internal.usage;

import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.StatementUsage;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement the database answered with "no such column" or "no such table": the code and the schema have
 * drifted apart. Only the object's name is kept: read from the vendor's message, and kept only when the failing
 * statement itself uses it as an identifier. Immutable.
 */
public final class DriftIncident {

    /** What was missing. */
    public enum Kind { UNDEFINED_COLUMN, UNDEFINED_TABLE, MISSING_AT_START }

    private static final Pattern QUOTED = Pattern.compile("[\"'`]([^\"'`]+)[\"'`]");
    private static final Pattern PG_BARE_COLUMN = Pattern.compile("column ([\\w.]+) does not exist");

    private final Kind kind;
    private final String schema;
    private final String table;
    private final String column;

    /** An incident about {@code table.column} ({@code column} null for a table); names may be empty when unknown. */
    public DriftIncident(Kind kind, String schema, String table, String column) {
        this.kind = kind;
        this.schema = schema == null ? "" : schema;
        this.table = table == null ? "" : table;
        this.column = column;
    }

    /** What {@code error} says is missing, or null when it is not about a missing column or table. */
    static Kind kindOf(SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        int code = error.getErrorCode();
        if (state.equals("42703") || code == 1054 || code == 42122 || state.equals("42S22")) {
            return Kind.UNDEFINED_COLUMN;
        }
        if (state.equals("42P01") || code == 1146 || code == 42102 || code == 42104 || state.equals("42S02")) {
            return Kind.UNDEFINED_TABLE;
        }
        return null;
    }

    /**
     * The incident of {@code kind} that {@code message} reports, named only by identifiers of the failing
     * statement's own parse ({@code usage}, null when it could not be parsed). A name in the message that the
     * statement does not use as an identifier — {@code 'x'::regclass}, {@code nextval('x')} — came from a
     * literal, and is not kept: the incident is recorded unnamed. PostgreSQL 42703/42P01, MariaDB 1054/1146,
     * H2 42122/42102.
     */
    static DriftIncident of(Kind kind, String message, StatementUsage usage) {
        String name = name(message == null ? "" : message);
        String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        if (usage != null && !bare.isEmpty()) {
            for (ColumnUse use : usage.columns()) {
                if (kind == Kind.UNDEFINED_TABLE && use.table().equalsIgnoreCase(bare)) {
                    return new DriftIncident(kind, use.schema(), use.table(), null);
                }
                if (kind == Kind.UNDEFINED_COLUMN && use.column().equalsIgnoreCase(bare)) {
                    return new DriftIncident(kind, use.schema(), use.table(), use.column());
                }
            }
        }
        return new DriftIncident(kind, null, null, kind == Kind.UNDEFINED_TABLE ? null : "");
    }

    private static String name(String message) {
        Matcher quoted = QUOTED.matcher(message);
        if (quoted.find()) {
            return quoted.group(1);
        }
        Matcher bare = PG_BARE_COLUMN.matcher(message);
        return bare.find() ? bare.group(1) : "";
    }

    /** What was missing. */
    public Kind kind() {
        return kind;
    }

    /** Schema of the table, empty when unknown. */
    public String schema() {
        return schema;
    }

    /** The table, empty when unknown. */
    public String table() {
        return table;
    }

    /** The column, null for a missing table. */
    public String column() {
        return column;
    }

    /** {@code column product.rating is missing (undefined column)}. */
    @Override
    public String toString() {
        if (table.isEmpty() && (column == null || column.isEmpty())) {
            return (column == null ? "a table" : "a column") + " the statement names is missing ("
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        }
        String target = (table.isEmpty() ? "" : table + (column == null ? "" : ".")) + (column == null ? "" : column);
        return (column == null ? "table " : "column ") + target + " is missing ("
                + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
    }
}
