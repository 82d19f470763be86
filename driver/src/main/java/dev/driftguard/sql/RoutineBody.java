package dev.driftguard.sql;

/** The text of a routine or trigger body as the catalog keeps it, and the language it is in. Immutable. */
public final class RoutineBody {

    /** What a body is written in, which says how to find its SQL statements. */
    public enum Language {
        /** PostgreSQL {@code LANGUAGE sql}: the body is SQL statements. */
        SQL,
        /** PostgreSQL PL/pgSQL: SQL statements among the procedural ones. */
        PLPGSQL,
        /** MariaDB/MySQL stored programs: one statement, {@code RETURN expr}, or a {@code BEGIN … END} block. */
        MYSQL
    }

    private final Language language;
    private final String text;

    public RoutineBody(Language language, String text) {
        this.language = language;
        this.text = text;
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
