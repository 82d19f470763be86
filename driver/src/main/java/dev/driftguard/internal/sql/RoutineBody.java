package dev.driftguard.internal.sql;

/** The text of a routine or trigger body as the catalog keeps it, and the language it is in. Immutable. */
public final class RoutineBody {

    /** What a body is written in, which says how to find its SQL statements. */
    public enum Language {
        /** PostgreSQL {@code LANGUAGE sql}: the body is SQL statements. */
        SQL,
        /** PostgreSQL PL/pgSQL: SQL statements among the procedural ones. */
        PLPGSQL,
        /** MariaDB/MySQL stored programs: one statement, {@code RETURN expr}, or a {@code BEGIN … END} block. */
        MYSQL,
        /**
         * A routine whose body driftguard does not read: another language, or a PostgreSQL {@code BEGIN ATOMIC}
         * body, whose dependencies the database tracks itself. It exists, and calling it is a use of it.
         */
        OPAQUE
    }

    private final String schema;
    private final Language language;
    private final String text;

    public RoutineBody(String schema, Language language, String text) {
        this.schema = schema;
        this.language = language;
        this.text = text;
    }

    /** The schema (MariaDB/MySQL: database) the object lives in. */
    public String schema() {
        return schema;
    }

    /** What the body is written in. */
    public Language language() {
        return language;
    }

    /** The body's text. */
    public String text() {
        return text;
    }
}
