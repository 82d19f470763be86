package dev.driftguard.internal.guard;

import java.util.Objects;

/** One change a DDL statement makes that a running version may depend on. Immutable. */
public final class Hazard {

    /** The hazardous changes of the design's guard table. */
    public enum Kind {
        DROP_COLUMN("drop column"),
        DROP_TABLE("drop table"),
        DROP_VIEW("drop view"),
        /** MariaDB/MySQL: a view over a dropped or renamed column or table stays, and fails when read. */
        BREAK_VIEW("break view"),
        DROP_SCHEMA("drop schema"),
        RENAME_COLUMN("rename column"),
        RENAME_TABLE("rename table"),
        CHANGE_TYPE("change the type of"),
        SET_NOT_NULL("set NOT NULL on"),
        ADD_NOT_NULL_COLUMN("add NOT NULL column without default"),
        DROP_DEFAULT("drop the default of"),
        /** A function or procedure: its callers fail once it is gone. */
        DROP_ROUTINE("drop routine"),
        /** {@code ALTER FUNCTION … RENAME TO} or {@code SET SCHEMA}: callers by the old name fail. */
        RENAME_ROUTINE("rename routine"),
        /** MariaDB/MySQL {@code CREATE OR REPLACE} of a routine with another number of parameters: old calls fail. */
        CHANGE_ROUTINE("change the parameters of routine"),
        /** A trigger of a table ({@link #detail} names it): what a live version does through it stops happening. */
        DROP_TRIGGER("drop trigger");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** How a deploy log says it. */
        public String words() {
            return words;
        }

        /** Whether it is about a whole table (any use of the table blocks it) rather than one column. */
        public boolean wholeTable() {
            return this == DROP_TABLE || this == DROP_VIEW || this == BREAK_VIEW || this == RENAME_TABLE
                    || this == DROP_SCHEMA;
        }

        /** Whether it is about a function or procedure, which only its callers use. */
        public boolean aboutRoutine() {
            return this == DROP_ROUTINE || this == RENAME_ROUTINE || this == CHANGE_ROUTINE;
        }

        /** Whether it blocks inserters that do not supply the column, rather than users of the column. */
        public boolean aboutInserts() {
            return this == SET_NOT_NULL || this == ADD_NOT_NULL_COLUMN || this == DROP_DEFAULT;
        }
    }

    private final Kind kind;
    private final String schema;
    private final String table;
    private final String column;
    private final String detail;
    /** What the statement names that brings this about, for a view it removes or breaks on the way; else null. */
    private final String through;

    Hazard(Kind kind, String schema, String table, String column, String detail) {
        this(kind, schema, table, column, detail, null);
    }

    private Hazard(Kind kind, String schema, String table, String column, String detail, String through) {
        this.kind = kind;
        this.schema = schema;
        this.table = table;
        this.column = column;
        this.detail = detail;
        this.through = through;
    }

    /** A generated column of the same table computed from this hazard's column, which {@code CASCADE} drops too. */
    Hazard onGeneratedColumn(String generated) {
        return new Hazard(Kind.DROP_COLUMN, schema, table, generated, null, toString() + " CASCADE");
    }

    /**
     * A view this hazard removes (PostgreSQL, with {@code CASCADE}) or breaks (MariaDB/MySQL) on the way:
     * {@code drop column public.product.rating CASCADE would drop view public.product_summary}.
     */
    Hazard onDependentView(String viewSchema, String view, boolean cascade) {
        return new Hazard(cascade ? Kind.DROP_VIEW : Kind.BREAK_VIEW, viewSchema, view, null, null,
                toString() + (cascade ? " CASCADE" : ""));
    }

    /**
     * What a live version reaches through this hazard's trigger, as the registry names it in {@code via}:
     * {@code trigger on public.product}.
     */
    String triggerObject() {
        return "trigger on " + schema + "." + table;
    }

    /** A routine whose tracked body reads what this hazard removes, which {@code CASCADE} drops too (PostgreSQL). */
    Hazard onDependentRoutine(String routineSchema, String routine) {
        return new Hazard(Kind.DROP_ROUTINE, routineSchema, routine, null, null, toString() + " CASCADE");
    }

    /** The kind of change. */
    public Kind kind() {
        return kind;
    }

    /** Schema (or MariaDB database) of the table; null when it cannot be known. */
    public String schema() {
        return schema;
    }

    /** The table (the routine, for routine hazards); null for a whole schema. */
    public String table() {
        return table;
    }

    /** The column, or null for whole-table changes. */
    public String column() {
        return column;
    }

    /** The new name (renames), the new type (type changes) or the trigger (trigger drops), else null. */
    public String detail() {
        return detail;
    }

    /** {@code drop column public.product.rating}, {@code rename column public.auth_user.full_name to fullname}. */
    @Override
    public String toString() {
        String target = table == null ? schema
                : (schema == null ? "" : schema + ".") + table + (column == null ? "" : "." + column);
        if (kind == Kind.DROP_TRIGGER) {
            return (through == null ? "" : through + " would ") + kind.words() + " " + detail + " on " + target;
        }
        return (through == null ? "" : through + " would ") + kind.words() + " " + target
                + (detail == null ? "" : " to " + detail);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Hazard)) {
            return false;
        }
        Hazard that = (Hazard) other;
        return kind == that.kind && Objects.equals(schema, that.schema) && Objects.equals(table, that.table)
                && Objects.equals(column, that.column) && Objects.equals(detail, that.detail)
                && Objects.equals(through, that.through);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, schema, table, column, detail, through);
    }
}
