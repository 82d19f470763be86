package dev.driftguard.sql;

import java.util.List;

/**
 * H2's lexical rules: {@code --} and {@code //} line comments, nested block comments, {@code $$…$$} strings,
 * {@code U&} Unicode escapes, no backslash escapes. {@code EXECUTE IMMEDIATE} runs the SQL in its string.
 */
final class H2Lexer extends Lexer {

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
                return readQuoted(cursor, at + 1, '"', false, Token.QUOTED_NAME);
            case ';':
                cursor.token = Token.SEMICOLON;
                return at + 1;
            case '?':
                int end = at + 1;
                while (end < sql.length() && isDigit(sql.charAt(end))) {
                    end++;
                }
                cursor.token = Token.PARAMETER;
                return end;
            case '$':
                if (next == '$') {
                    int close = sql.indexOf("$$", at + 2);
                    cursor.token = Token.STRING;
                    cursor.quote = '\0';
                    cursor.contentStart = at + 2;
                    cursor.contentEnd = close < 0 ? sql.length() : close;
                    return close < 0 ? sql.length() : close + 2;
                }
                break;
            default:
                break;
        }
        if ((c == 'X' || c == 'x' || c == 'N' || c == 'n') && next == '\'') {
            return readQuoted(cursor, at + 2, '\'', false, Token.STRING);
        }
        if ((c == 'U' || c == 'u') && next == '&' && at + 2 < sql.length()
                && (sql.charAt(at + 2) == '\'' || sql.charAt(at + 2) == '"')) {
            char quote = sql.charAt(at + 2);
            int end = readQuoted(cursor, at + 3, quote, false, quote == '"' ? Token.QUOTED_NAME : Token.STRING);
            cursor.unicode = true;
            cursor.unicodeEscape = '\\';
            return end;
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
        if (sql.startsWith("--", at) || sql.startsWith("//", at)) {
            return skipLine(sql, at);
        }
        if (sql.startsWith("/*", at)) {
            return skipBlockComment(sql, at, true);
        }
        return at;
    }

    @Override
    boolean runsEmbeddedSql(String sql, int at) {
        return wordAt(sql, at, "EXECUTE") && nextWordIs(sql, at + "EXECUTE".length(), "IMMEDIATE");
    }

    @Override
    Embedded embedded(List<Mark> code, String statement) {
        return literalAfter(code, "IMMEDIATE", this, "EXECUTE IMMEDIATE");
    }
}
