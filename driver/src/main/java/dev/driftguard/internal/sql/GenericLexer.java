package dev.driftguard.internal.sql;

import java.util.List;

/**
 * Standard SQL's lexical rules, for databases driftguard has no lexer of its own for: {@code --} and
 * non-nested block comments, strings with doubled quotes and no backslash escapes, double-quoted and
 * backquoted names.
 */
final class GenericLexer extends Lexer {

    GenericLexer(List<String> schemaPath) {
        super(schemaPath);
    }

    @Override
    Dialect dialect() {
        return Dialect.GENERIC;
    }

    @Override
    Lexer withSchemaPath(List<String> path) {
        return path == null ? Dialect.GENERIC.lexer() : new GenericLexer(path);
    }

    @Override
    int readDialect(Cursor cursor, int at, char c) {
        if (c == '`') {
            return readQuoted(cursor, at + 1, '`', false, Token.QUOTED_NAME);
        }
        return readPrefixedString(cursor, at, c, "NX", false);
    }

    @Override
    int skipComment(String sql, int at) {
        if (sql.startsWith("--", at)) {
            return skipLine(sql, at);
        }
        if (sql.startsWith("/*", at)) {
            return skipBlockComment(sql, at, false);
        }
        return at;
    }
}
