package dev.driftguard.sql;

/**
 * Standard SQL's lexical rules, for databases driftguard has no lexer of its own for: {@code --} and
 * non-nested block comments, strings with doubled quotes and no backslash escapes, double-quoted and
 * backquoted names.
 */
final class GenericLexer extends Lexer {

    @Override
    int read(Cursor cursor) {
        String sql = cursor.sql;
        int at = cursor.end;
        char c = sql.charAt(at);
        char next = at + 1 < sql.length() ? sql.charAt(at + 1) : '\0';
        if (Character.isWhitespace(c)) {
            return readSpace(cursor, at);
        }
        int comment = skipComment(sql, at);
        if (comment > at) {
            cursor.token = Token.COMMENT;
            return comment;
        }
        switch (c) {
            case '\'':
                return readQuoted(cursor, at + 1, '\'', false, Token.STRING);
            case '"':
            case '`':
                return readQuoted(cursor, at + 1, c, false, Token.QUOTED_NAME);
            case ';':
                cursor.token = Token.SEMICOLON;
                return at + 1;
            case '?':
                cursor.token = Token.PARAMETER;
                return at + 1;
            default:
                break;
        }
        if ((c == 'N' || c == 'n' || c == 'X' || c == 'x') && next == '\'') {
            return readQuoted(cursor, at + 2, '\'', false, Token.STRING);
        }
        if (isDigit(c) || (c == '.' && isDigit(next))) {
            return readNumber(cursor, at);
        }
        if (isNameStart(c)) {
            return readWord(cursor, at);
        }
        cursor.token = Token.SYMBOL;
        return at + 1;
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
