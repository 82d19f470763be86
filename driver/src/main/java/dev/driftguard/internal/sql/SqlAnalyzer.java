package dev.driftguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Parses SQL with JSqlParser and extracts its usage. Never throws for bad SQL: the result carries the error.
 * Parsing is slow and unbounded in the worst case, so it never runs on an application's thread; a watchdog stops a
 * parse that takes longer than the timeout.
 */
public final class SqlAnalyzer {

    private static final Pattern CALL_ESCAPE = Pattern.compile(
            "(?is)^\\{\\s*(\\?\\s*=\\s*)?call\\s+([\\w.$\"`]+)\\s*(\\(.*\\))?\\s*}$");

    /** Routines calling routines are read this deep, no deeper. */
    private static final int ROUTINE_DEPTH = 8;

    private final Dialect dialect;
    private final Catalog catalog;
    private final SqlParser parser;

    /**
     * @param watchdog runs the timeout; null for no timeout (the command line, where a person waits)
     * @param detailedErrors whether errors may quote the parser's message, which can contain literals of the text
     */
    public SqlAnalyzer(Dialect dialect, Catalog catalog, ScheduledExecutorService watchdog, long timeoutMillis,
                       boolean detailedErrors) {
        this.dialect = dialect;
        this.catalog = catalog;
        this.parser = new SqlParser(dialect, watchdog, timeoutMillis, detailedErrors);
    }

    /** The dialect this analyzer parses. */
    public Dialect dialect() {
        return dialect;
    }

    /** The usage of one statement text (which may itself hold several statements: their usage is merged). */
    public StatementUsage analyze(String sql) {
        return analyze(sql, dialect.lexer());
    }

    /** Like {@link #analyze(String)}, read as a session with other settings than the server's defaults reads it. */
    public StatementUsage analyze(String sql, Lexer lexer) {
        Catalog session = lexer.schemaPath() == null ? catalog : catalog.onPath(lexer.schemaPath());
        return analyze(sql, lexer, session, new java.util.HashSet<>());
    }

    /** {@code calling}: the routines whose bodies are being read, outermost first; a cycle is read once. */
    private StatementUsage analyze(String sql, Lexer lexer, Catalog session, java.util.Set<String> calling) {
        Matcher call = CALL_ESCAPE.matcher(sql.trim());
        if (call.matches()) {
            return callEscape(call);
        }
        if (lexer.isSessionStatement(sql)) {
            return new StatementUsage(StatementKind.OTHER, java.util.Set.of(), java.util.Set.of(), false, null);
        }
        ParseText text = lexer.parseText(sql);
        Statements statements;
        try {
            statements = parser.parse(text);
        } catch (SqlParser.Failure failure) {
            return new StatementUsage(lexer.kindByKeyword(sql), java.util.Set.of(), java.util.Set.of(), false,
                    failure.getMessage());
        }
        List<StatementUsage> parts = new ArrayList<>();
        UsageExtractor.Bodies bodies = new UsageExtractor.Bodies() {
            @Override
            public StatementUsage of(String schema, String name, UsageExtractor.BodyKind kind) {
                return bodyUsage(session, schema, name, kind, calling);
            }

            @Override
            public String routineSchema(String schema, String name) {
                List<RoutineBody> found = session.routineBodies(schema, name);
                return found.isEmpty() ? null : found.get(0).schema();
            }
        };
        for (Statement statement : statements) {
            if (statement != null) {
                try {
                    parts.add(new UsageExtractor(dialect, text, session, bodies).extract(statement, kindOf(statement)));
                } catch (RuntimeException | StackOverflowError e) {
                    // a syntax tree the extractor does not expect, or one too deep to walk: report it, never guess
                    return new StatementUsage(kindOf(statement), java.util.Set.of(), java.util.Set.of(), false,
                            "cannot analyse this statement (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        return merge(parts, lexer, sql);
    }

    /**
     * What a routine the statement calls uses, read from its body (PostgreSQL {@code LANGUAGE sql} string bodies,
     * whose columns PostgreSQL does not track: a drop or rename of one breaks the routine only when called;
     * MariaDB/MySQL routines), through routines it calls in turn, {@link #ROUTINE_DEPTH} deep. Null when the
     * catalog has no such body.
     */
    private StatementUsage bodyUsage(Catalog session, String schema, String name, UsageExtractor.BodyKind kind,
                                     java.util.Set<String> calling) {
        String key = kind + " " + schema + "." + name;
        if (calling.size() >= ROUTINE_DEPTH || !calling.add(key)) {
            return null;
        }
        try {
            List<StatementUsage> parts = new ArrayList<>();
            List<RoutineBody> found = kind == UsageExtractor.BodyKind.TRIGGER ? session.triggerBodies(schema, name)
                    : kind == UsageExtractor.BodyKind.VIEW ? session.viewBodies(schema, name)
                    : session.routineBodies(schema, name);
            for (RoutineBody body : found) {
                for (String statements : statementsOf(body)) {
                    parts.add(analyze(statements, dialect.lexer(), session, calling));
                }
            }
            return parts.isEmpty() ? null : merge(parts, dialect.lexer(), "");
        } finally {
            calling.remove(key);
        }
    }

    /** The statements of a body: SQL as it is; PL/pgSQL's SQL statements; a MariaDB/MySQL program's. */
    private List<String> statementsOf(RoutineBody body) {
        switch (body.language()) {
            case PLPGSQL:
                return dialect.lexer().proceduralQueries(body.text());
            case MYSQL:
                return List.of(mysqlBody(body.text()));
            case OPAQUE:
                return List.of();
            default:
                return List.of(body.text());
        }
    }

    /** A MariaDB/MySQL routine body as statements: {@code RETURN expr} is {@code SELECT expr}; a BEGIN … END block its inside. */
    private static String mysqlBody(String body) {
        String trimmed = body.trim();
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.startsWith("RETURN")) {
            return "SELECT " + trimmed.substring("RETURN".length());
        }
        if (upper.startsWith("BEGIN") && upper.endsWith("END")) {
            return trimmed.substring("BEGIN".length(), trimmed.length() - "END".length());
        }
        return trimmed;
    }

    /** JDBC's {@code {call p(?)}} and {@code {? = call f(?)}}: the routine is recorded, its arguments analysed. */
    private StatementUsage callEscape(Matcher call) {
        String name = call.group(2);
        String arguments = call.group(3) == null ? "()" : call.group(3);
        StatementUsage inner = analyze("SELECT " + name + arguments, dialect.lexer());
        java.util.Set<String> routines = new java.util.HashSet<>(inner.routines());
        routines.add(name);
        return new StatementUsage(StatementKind.OTHER, inner.columns(), routines, inner.ambiguous(), inner.error());
    }

    private static StatementUsage merge(List<StatementUsage> parts, Lexer lexer, String sql) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        java.util.Set<ColumnUse> columns = new java.util.HashSet<>();
        java.util.Set<String> routines = new java.util.HashSet<>();
        boolean ambiguous = false;
        StatementKind kind = parts.isEmpty() ? lexer.kindByKeyword(sql) : parts.get(0).kind();
        for (StatementUsage part : parts) {
            columns.addAll(part.columns());
            routines.addAll(part.routines());
            ambiguous |= part.ambiguous();
            if (part.kind() == StatementKind.DDL) {
                kind = StatementKind.DDL;
            }
        }
        return new StatementUsage(kind, columns, routines, ambiguous, null);
    }

    static StatementKind kindOf(Statement statement) {
        if (statement instanceof Select) {
            return StatementKind.SELECT;
        }
        if (statement instanceof Insert || statement instanceof Upsert) {
            return StatementKind.INSERT;
        }
        if (statement instanceof Update) {
            return StatementKind.UPDATE;
        }
        if (statement instanceof Delete) {
            return StatementKind.DELETE;
        }
        if (statement instanceof Merge) {
            return StatementKind.MERGE;
        }
        String type = statement.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        return type.startsWith("create") || type.startsWith("alter") || type.startsWith("drop")
                || type.startsWith("rename") || type.startsWith("truncate") || type.startsWith("comment")
                ? StatementKind.DDL : StatementKind.OTHER;
    }
}
