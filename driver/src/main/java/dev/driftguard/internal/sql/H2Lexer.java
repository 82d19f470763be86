package dev.driftguard.internal.sql;

import java.util.List;

/**
 * H2's lexical rules: {@code --} and {@code //} line comments, nested block comments, {@code $$…$$} strings,
 * {@code U&} Unicode escapes, no backslash escapes. {@code EXECUTE IMMEDIATE} runs the SQL in its string.
 */
final class H2Lexer extends Lexer {

    H2Lexer(List<String> schemaPath) {
        super(schemaPath);
    }

    @Override
    public String toString() {
        return "h2(" + pathText().trim() + ")";
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    Lexer withSchemaPath(List<String> path) {
        return path == null ? Dialect.H2.lexer() : new H2Lexer(path);
    }

    /**
     * H2 resolves an unqualified name in the current schema, then in the {@code SCHEMA_SEARCH_PATH}: the path is
     * the one, then the other. The server tells only the current schema; the search path is the session's own.
     */
    @Override
    List<String> withServerPath(List<String> server) {
        List<String> path = new java.util.ArrayList<>(server.subList(0, 1));
        path.addAll(searchPath());
        return path;
    }

    /** {@code SET SCHEMA s} and {@code SET SCHEMA_SEARCH_PATH a, b}, unquoted names folded as H2 does (upper case). */
    @Override
    Lexer changedBy(String statement, int at) {
        int setting = skipSpaceAndComments(statement, at + 3);
        if (wordAt(statement, at, "RESET")) {
            return this;
        }
        if (wordAt(statement, setting, "SCHEMA_SEARCH_PATH")) {
            List<String> names = namesAfter(statement, "SCHEMA_SEARCH_PATH", word -> word.toUpperCase(java.util.Locale.ROOT));
            if (names == null || names.isEmpty()) {
                return this;
            }
            List<String> path = new java.util.ArrayList<>(List.of(currentSchema()));
            path.addAll(names);
            return withSchemaPath(path);
        }
        if (!wordAt(statement, setting, "SCHEMA")) {
            return this;
        }
        List<String> names = namesAfter(statement, "SCHEMA", word -> word.toUpperCase(java.util.Locale.ROOT));
        if (names == null || names.size() != 1) {
            return this;
        }
        List<String> path = new java.util.ArrayList<>(names);
        path.addAll(searchPath());
        return withSchemaPath(path);
    }

    /** {@code Connection.setSchema}: the current schema changes, the search path after it stays. */
    @Override
    public Lexer afterSetSchema(String schema) {
        if (schema == null) {
            return this;
        }
        List<String> path = new java.util.ArrayList<>(List.of(schema));
        path.addAll(searchPath());
        return withSchemaPath(path);
    }

    private String currentSchema() {
        return schemaPath() == null ? Dialect.H2.defaultSchema() : schemaPath().get(0);
    }

    private List<String> searchPath() {
        return schemaPath() == null ? List.of() : schemaPath().subList(1, schemaPath().size());
    }

    @Override
    int readDialect(Cursor cursor, int at, char c) {
        String sql = cursor.sql;
        switch (c) {
            case '?':
                int end = at + 1;
                while (end < sql.length() && isDigit(sql.charAt(end))) {
                    end++;
                }
                cursor.token = Token.PARAMETER;
                return end;
            case '$':
                if (at + 1 < sql.length() && sql.charAt(at + 1) == '$') {
                    int close = sql.indexOf("$$", at + 2);
                    cursor.token = Token.STRING;
                    cursor.quote = '\0';
                    cursor.contentStart = at + 2;
                    cursor.contentEnd = close < 0 ? sql.length() : close;
                    return close < 0 ? sql.length() : close + 2;
                }
                return at;
            case 'U':
            case 'u':
                return readUnicode(cursor, at, c, false);
            default:
                return readPrefixedString(cursor, at, c, "XN", false);
        }
    }

    @Override
    int skipComment(String sql, int at) {
        if (sql.startsWith("--", at) || sql.startsWith("//", at)) {
            return skipLine(sql, at);
        }
        if (sql.startsWith("/*", at)) {
            return skipBlockComment(sql, at, true);
        }
        return at;
    }

    @Override
    boolean runsStringSql(String sql, int at) {
        return wordAt(sql, at, "EXECUTE") && nextWordIs(sql, at + "EXECUTE".length(), "IMMEDIATE");
    }

    @Override
    Embedded embedded(List<Mark> code, String statement) {
        return literalAfter(code, "IMMEDIATE", "EXECUTE IMMEDIATE");
    }
}
