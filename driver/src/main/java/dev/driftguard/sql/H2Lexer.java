package dev.driftguard.sql;

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
    Lexer withSchemaPath(List<String> path) {
        return path == null ? Dialect.H2.lexer() : new H2Lexer(path);
    }

    /**
     * {@code SET SCHEMA s}, with unquoted names as H2 folds them (upper case). {@code SET SCHEMA_SEARCH_PATH} is
     * not followed: H2 looks there only after the current schema (docs/limitations.md).
     */
    @Override
    Lexer changedBy(String statement, int at) {
        if (wordAt(statement, at, "RESET") || !wordAt(statement, skipSpaceAndComments(statement, at + 3), "SCHEMA")) {
            return this;
        }
        List<String> names = namesAfter(statement, "SCHEMA", word -> word.toUpperCase(java.util.Locale.ROOT));
        return names == null || names.size() != 1 ? this : withSchemaPath(names);
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
