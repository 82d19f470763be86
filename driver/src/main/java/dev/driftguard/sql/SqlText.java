package dev.driftguard.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical facts about SQL text that the application's thread needs without parsing: whether any statement in it
 * is DDL. Skips comments, string literals, quoted identifiers and PostgreSQL dollar quotes.
 */
public final class SqlText {

    private SqlText() {
    }

    /** Whether any statement in {@code sql} (several may be separated by {@code ;}) starts with a DDL keyword. */
    public static boolean containsDdl(String sql) {
        if (sql.indexOf(';') < 0) {
            // the common case, and on the application's thread: one statement, so only its first keyword counts
            return startsWithDdlKeyword(sql, skipSpaceAndComments(sql, 0));
        }
        int length = sql.length();
        int at = 0;
        while (at < length) {
            at = skipSpaceAndComments(sql, at);
            if (startsWithDdlKeyword(sql, at)) {
                return true;
            }
            at = nextStatement(sql, at);
        }
        return false;
    }

    /** The statements of a script, split at top-level {@code ;}, trimmed, empty ones left out. */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        int at = 0;
        while (at < script.length()) {
            int next = nextStatement(script, at);
            int end = next > at && next <= script.length() && script.charAt(next - 1) == ';' ? next - 1 : next;
            String statement = script.substring(at, end).trim();
            if (!statement.isEmpty() && skipSpaceAndComments(statement, 0) < statement.length()) {
                statements.add(statement);
            }
            at = next;
        }
        return statements;
    }

    private static final String[] SESSION_KEYWORDS = {"SET", "SHOW", "RESET", "BEGIN", "START", "COMMIT", "END",
        "ROLLBACK", "SAVEPOINT", "RELEASE", "DISCARD", "LISTEN", "NOTIFY", "UNLISTEN", "DEALLOCATE", "USE", "VACUUM",
        "ANALYZE", "CHECKPOINT", "FETCH", "CLOSE", "DECLARE", "MOVE"};

    /** Whether the statement only talks to the session or server (SET, SHOW, COMMIT, …) and touches no table. */
    static boolean isSessionStatement(String sql) {
        int at = skipSpaceAndComments(sql, 0);
        for (String keyword : SESSION_KEYWORDS) {
            if (keywordAt(sql, at, keyword)) {
                return true;
            }
        }
        return false;
    }

    /** The kind a statement's first keyword says it is, for texts the parser cannot read. */
    static StatementKind kindByKeyword(String sql) {
        int at = skipSpaceAndComments(sql, 0);
        if (startsWithDdlKeyword(sql, at)) {
            return StatementKind.DDL;
        }
        for (StatementKind kind : new StatementKind[] {StatementKind.SELECT, StatementKind.INSERT, StatementKind.UPDATE,
            StatementKind.DELETE, StatementKind.MERGE}) {
            if (keywordAt(sql, at, kind.name())) {
                return kind;
            }
        }
        return keywordAt(sql, at, "WITH") ? StatementKind.SELECT : StatementKind.OTHER;
    }

    private static boolean startsWithDdlKeyword(String sql, int at) {
        return keywordAt(sql, at, "CREATE") || keywordAt(sql, at, "ALTER") || keywordAt(sql, at, "DROP")
                || keywordAt(sql, at, "RENAME") || keywordAt(sql, at, "TRUNCATE") || keywordAt(sql, at, "COMMENT");
    }

    private static boolean keywordAt(String sql, int at, String keyword) {
        int end = at + keyword.length();
        return sql.regionMatches(true, at, keyword, 0, keyword.length())
                && (end == sql.length() || !Character.isJavaIdentifierPart(sql.charAt(end)));
    }

    /** Index just past the next top-level {@code ;}, or the end. */
    private static int nextStatement(String sql, int at) {
        int length = sql.length();
        while (at < length) {
            char c = sql.charAt(at);
            switch (c) {
                case ';':
                    return at + 1;
                case '\'':
                case '"':
                case '`':
                    at = skipQuoted(sql, at, c);
                    break;
                case '-':
                case '/':
                    int skipped = skipComment(sql, at);
                    at = skipped > at ? skipped : at + 1;
                    break;
                case '$':
                    at = skipDollarQuoted(sql, at);
                    break;
                default:
                    at++;
            }
        }
        return length;
    }

    private static int skipSpaceAndComments(String sql, int at) {
        int length = sql.length();
        while (at < length) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c) || c == '(') {
                at++;
            } else {
                int skipped = skipComment(sql, at);
                if (skipped == at) {
                    return at;
                }
                at = skipped;
            }
        }
        return at;
    }

    /** Index past a comment starting at {@code at}, or {@code at} when none starts there. */
    private static int skipComment(String sql, int at) {
        if (sql.startsWith("--", at)) {
            int end = sql.indexOf('\n', at);
            return end < 0 ? sql.length() : end + 1;
        }
        if (sql.startsWith("/*", at)) {
            int end = sql.indexOf("*/", at + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return at;
    }

    /** Index past a literal or identifier quoted by {@code quote}; doubled quotes and backslashes escape. */
    private static int skipQuoted(String sql, int at, char quote) {
        int length = sql.length();
        at++;
        while (at < length) {
            char c = sql.charAt(at);
            if (c == '\\' && quote == '\'') {
                at += 2;
            } else if (c == quote) {
                if (at + 1 < length && sql.charAt(at + 1) == quote) {
                    at += 2;
                } else {
                    return at + 1;
                }
            } else {
                at++;
            }
        }
        return length;
    }

    /** PostgreSQL {@code $tag$ … $tag$}; a lone {@code $} (a parameter such as {@code $1}) is stepped over. */
    private static int skipDollarQuoted(String sql, int at) {
        int tagEnd = at + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$' || (tagEnd > at + 1 && Character.isDigit(sql.charAt(at + 1)))) {
            return at + 1;
        }
        String tag = sql.substring(at, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
