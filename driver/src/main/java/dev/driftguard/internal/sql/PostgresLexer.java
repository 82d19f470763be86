package dev.driftguard.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * PostgreSQL's lexical rules: nested block comments, {@code standard_conforming_strings} (a backslash in an
 * ordinary string is a character; in {@code E'…'} an escape), dollar quotes, {@code $} inside identifiers,
 * {@code U&} Unicode escapes. {@code DO} blocks run the PL/pgSQL in their string, which is read for DDL.
 */
final class PostgresLexer extends Lexer {

    /** PL/pgSQL words after which a new statement starts within the same {@code ;}-piece. */
    private static final Set<String> PLPGSQL_STATEMENT_BEFORE = Set.of("BEGIN", "THEN", "ELSE", "LOOP", "DECLARE");
    /** The PL/pgSQL statements that are SQL reading or writing tables. */
    private static final Set<String> PLPGSQL_QUERIES = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE",
            "PERFORM");

    private final boolean standardConformingStrings;

    PostgresLexer(boolean standardConformingStrings, List<String> schemaPath) {
        super(schemaPath);
        this.standardConformingStrings = standardConformingStrings;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && ((PostgresLexer) other).standardConformingStrings == standardConformingStrings;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + Boolean.hashCode(standardConformingStrings);
    }

    @Override
    public String toString() {
        return "postgres(standard_conforming_strings=" + (standardConformingStrings ? "on" : "off") + pathText() + ")";
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    Lexer withSchemaPath(List<String> path) {
        return of(standardConformingStrings, path);
    }

    /** The dialect's own instance for the server's defaults, whose shapes the recorder keys by text alone. */
    private static Lexer of(boolean standardConformingStrings, List<String> path) {
        return standardConformingStrings && path == null ? Dialect.POSTGRES.lexer()
                : new PostgresLexer(standardConformingStrings, path);
    }

    @Override
    int readDialect(Cursor cursor, int at, char c) {
        switch (c) {
            case '\'':
                return readQuoted(cursor, at + 1, '\'', !standardConformingStrings, Token.STRING);
            case '$':
                return dollar(cursor, at);
            case 'E':
            case 'e':
                return readPrefixedString(cursor, at, c, "E", true);
            case 'U':
            case 'u':
                return readUnicode(cursor, at, c, true);
            default:
                return readPrefixedString(cursor, at, c, "BXN", !standardConformingStrings);
        }
    }

    @Override
    int skipComment(String sql, int at) {
        if (sql.startsWith("--", at)) {
            return skipLine(sql, at);
        }
        if (sql.startsWith("/*", at)) {
            return skipBlockComment(sql, at, true);
        }
        return at;
    }

    /** {@code $1} is a parameter; {@code $tag$…$tag$} a string; any other {@code $} an operator character. */
    private static int dollar(Cursor cursor, int at) {
        String sql = cursor.sql;
        int i = at + 1;
        if (i < sql.length() && isDigit(sql.charAt(i))) {
            while (i < sql.length() && isDigit(sql.charAt(i))) {
                i++;
            }
            cursor.token = Token.PARAMETER;
            return i;
        }
        if (i < sql.length() && isNameStart(sql.charAt(i))) {
            while (i < sql.length() && isNamePart(sql.charAt(i)) && sql.charAt(i) != '$') {
                i++;
            }
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            cursor.token = Token.SYMBOL;
            return at + 1;
        }
        String tag = sql.substring(at, i + 1);
        int close = sql.indexOf(tag, i + 1);
        cursor.token = Token.STRING;
        cursor.quote = '\0';
        cursor.contentStart = i + 1;
        cursor.contentEnd = close < 0 ? sql.length() : close;
        return close < 0 ? sql.length() : close + tag.length();
    }

    /**
     * {@code SELECT [pg_catalog.]set_config('search_path', 'a, b', is_local)} with literal arguments, as
     * {@code SET search_path TO a, b} (local taken as session, like {@code SET LOCAL}). One word compared for every
     * other SELECT; a value bound as a parameter is not known here (the guard asks the server: {@link #withPathOf}).
     */
    @Override
    Lexer changedBySelect(String statement, int at) {
        // every statement starting "sel" comes here: two or three character comparisons turn away all but
        // "select s…" and "select pg…" (ORMs write one space after SELECT; other spacing takes the longer way)
        int next = at + "SELECT".length() + 1;
        if (next + 1 >= statement.length()) {
            return this;
        }
        if (statement.charAt(next - 1) != ' ') {
            if (!Character.isWhitespace(statement.charAt(next - 1))) {
                return this;
            }
            while (next + 1 < statement.length() && Character.isWhitespace(statement.charAt(next))) {
                next++;
            }
        }
        int first = statement.charAt(next) | 0x20;
        if (first != 's' && first != 'p') {
            return this;
        }
        int second = statement.charAt(next + 1) | 0x20;
        return first == 's' && second == 'e' || first == 'p' && second == 'g' ? setConfig(statement, at, next) : this;
    }

    /** The rare statement that may be {@code SELECT set_config}: {@code name} is where the function's name would start. */
    private Lexer setConfig(String statement, int select, int at) {
        if (!wordAt(statement, select, "SELECT")) {
            return this;
        }
        int name = at;
        if (wordAt(statement, name, "pg_catalog")) {
            name = statement.indexOf('.', name) + 1;
        }
        if (name <= 0 || !statement.regionMatches(true, name, "set_config", 0, "set_config".length())) {
            return this;
        }
        Cursor cursor = new Cursor(statement);
        List<String> arguments = new ArrayList<>();
        while (cursor.next()) {
            if (cursor.start < name + "set_config".length() || cursor.token == Token.SPACE || cursor.token == Token.COMMENT) {
                continue;
            }
            String text = statement.substring(cursor.start, cursor.end);
            if (cursor.token == Token.STRING) {
                arguments.add(decode(cursor));
            } else if (text.equals(")") || cursor.token == Token.PARAMETER || arguments.size() > 2) {
                break;
            }
        }
        if (arguments.size() < 2 || !arguments.get(0).trim().equalsIgnoreCase("search_path")) {
            return this;
        }
        List<String> names = namesAfter("search_path TO " + arguments.get(1), "search_path",
                word -> word.toLowerCase(java.util.Locale.ROOT));
        return names == null || names.isEmpty() ? this : of(standardConformingStrings, names);
    }

    /** {@code SET [SESSION|LOCAL] standard_conforming_strings …} and {@code RESET}; LOCAL is taken as SESSION. */
    @Override
    Lexer changedBy(String statement, int at) {
        String lower = statement.toLowerCase(java.util.Locale.ROOT);
        boolean reset = wordAt(statement, at, "RESET");
        boolean all = reset && wordAt(statement, skipSpaceAndComments(statement, at + "RESET".length()), "ALL");
        boolean strings = standardConformingStrings;
        List<String> path = schemaPath();
        if (lower.contains("standard_conforming_strings") || all) {
            String value = reset ? "DEFAULT" : valueOf(statement, "standard_conforming_strings");
            if (value != null) {
                strings = !(value.equals("OFF") || value.equals("FALSE") || value.equals("0") || value.equals("NO"));
            }
        }
        if (lower.contains("search_path") || all) {
            // SET [SESSION | LOCAL] search_path; LOCAL is taken as SESSION (docs/limitations.md)
            List<String> names = reset ? null : namesAfter(statement, "search_path", word -> word.toLowerCase(java.util.Locale.ROOT));
            path = names != null && names.isEmpty() ? path : names;
        } else if (!reset && wordAt(statement, skipSpaceAndComments(statement, at + "SET".length()), "SCHEMA")) {
            List<String> names = namesAfter(statement, "SCHEMA", word -> word.toLowerCase(java.util.Locale.ROOT));
            path = names != null && names.size() == 1 ? names : path; // SET SCHEMA 'x' is SET search_path TO 'x'
        }
        return strings == standardConformingStrings && java.util.Objects.equals(path, schemaPath()) ? this
                : of(strings, path);
    }

    @Override
    boolean opensBlock(List<Mark> code, Mark word, Supplier<String> next) {
        return word.upper.equals("BEGIN") && "CREATE".equals(code.get(0).upper)
                && code.stream().anyMatch(m -> "FUNCTION".equals(m.upper) || "PROCEDURE".equals(m.upper))
                && next.get().equals("ATOMIC");
    }

    @Override
    boolean runsStringSql(String sql, int at) {
        return wordAt(sql, at, "DO");
    }

    /** {@code DO [LANGUAGE l] 'body'}: the DDL its PL/pgSQL runs, and what it runs through EXECUTE. */
    @Override
    Embedded embedded(List<Mark> code, String statement) {
        String body = null;
        String language = "plpgsql";
        for (int i = 1; i < code.size(); i++) {
            Mark mark = code.get(i);
            if ("LANGUAGE".equals(mark.upper) && i + 1 < code.size()) {
                Mark name = code.get(++i);
                language = name.decoded != null ? name.decoded : statement.substring(name.start, name.end);
            } else if (mark.token == Token.STRING && body == null) {
                body = mark.decoded;
            }
        }
        if (body == null) {
            return Embedded.unreadable("a DO block without a readable body");
        }
        if (!language.equalsIgnoreCase("plpgsql")) {
            return Embedded.unreadable("a DO block in language " + language);
        }
        return plpgsql(body);
    }

    /** The statements of a PL/pgSQL body that run DDL: DDL statements, and EXECUTE of a literal. */
    private Embedded plpgsql(String body) {
        return plpgsql(body, false);
    }

    /**
     * The SQL statements of a PL/pgSQL body that read or write tables ({@code PERFORM} read as {@code SELECT});
     * {@code INTO} targets and variables are left for the analyzer, which finds no such columns.
     */
    @Override
    List<String> proceduralQueries(String body) {
        return plpgsql(body, true).texts;
    }

    private Embedded plpgsql(String body, boolean queries) {
        List<String> texts = new ArrayList<>();
        String unreadable = null;
        Cursor cursor = new Cursor(body);
        List<Mark> piece = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = cursor.next();
            if (more && cursor.token != Token.SEMICOLON) {
                if (cursor.token != Token.SPACE && cursor.token != Token.COMMENT) {
                    piece.add(cursor.mark());
                }
                continue;
            }
            int end = more ? cursor.start : body.length();
            for (int i = 0; i < piece.size(); i++) {
                boolean starts = i == 0 || PLPGSQL_STATEMENT_BEFORE.contains(String.valueOf(piece.get(i - 1).upper))
                        || body.startsWith(">>", piece.get(i - 1).start);
                if (!starts) {
                    continue;
                }
                Mark first = piece.get(i);
                if (queries) {
                    if (PLPGSQL_QUERIES.contains(String.valueOf(first.upper))) {
                        String text = body.substring(first.start, end).trim();
                        texts.add("PERFORM".equals(first.upper) ? "SELECT" + text.substring("PERFORM".length()) : text);
                        break;
                    }
                    continue;
                }
                if (startsWithDdlWord(body, first.start)) {
                    texts.add(body.substring(first.start, end).trim());
                    break;
                }
                if ("EXECUTE".equals(first.upper)) {
                    Embedded executed = literalAfter(piece.subList(i, piece.size()), "EXECUTE", "EXECUTE in a DO block");
                    texts.addAll(executed.texts);
                    unreadable = executed.unreadable != null ? executed.unreadable : unreadable;
                    break;
                }
            }
            piece = new ArrayList<>();
        }
        return new Embedded(texts, unreadable);
    }
}
