package dev.driftguard.sql;

/**
 * Turns a statement into its shape on the application's thread, without parsing: literals become {@code ?},
 * comments disappear and lists of placeholders collapse, so {@code id = 1} and {@code id = 2}, or
 * {@code IN (?, ?)} and {@code IN (?, ?, ?)}, share one shape. Returns the same instance when nothing changes.
 */
public final class SqlNormalizer {

    private SqlNormalizer() {
    }

    /** The shape of {@code sql}; {@code backslashEscapes} for MySQL-style {@code 'it\'s'} literals. */
    public static String normalize(String sql, boolean backslashEscapes) {
        int length = sql.length();
        StringBuilder out = null;
        int copiedUpTo = 0;
        int at = 0;
        while (at < length) {
            char c = sql.charAt(at);
            int end;
            boolean placeholder;
            if (c == '\'') {
                end = skipString(sql, at, backslashEscapes);
                placeholder = true;
            } else if (c == '"' || c == '`') {
                at = skipQuotedName(sql, at, c);
                continue;
            } else if (c == '-' && at + 1 < length && sql.charAt(at + 1) == '-') {
                int newline = sql.indexOf('\n', at);
                end = newline < 0 ? length : newline;
                placeholder = false;
            } else if (c == '/' && at + 1 < length && sql.charAt(at + 1) == '*') {
                int close = sql.indexOf("*/", at + 2);
                end = close < 0 ? length : close + 2;
                placeholder = false;
            } else if (c == '$' && at + 1 < length && !Character.isDigit(sql.charAt(at + 1))) {
                end = skipDollarQuoted(sql, at);
                if (end == at) {
                    at++;
                    continue;
                }
                placeholder = true;
            } else if (isDigit(c) && !partOfName(sql, at)) {
                end = skipNumber(sql, at);
                placeholder = true;
            } else if (c == '?' && out != null) {
                end = at + 1;
                placeholder = true;
            } else {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(length);
            }
            int start = placeholder ? withPrefix(sql, at) : at;
            out.append(sql, copiedUpTo, start);
            if (placeholder) {
                appendPlaceholder(out);
            } else {
                out.append(' ');
            }
            copiedUpTo = end;
            at = end;
        }
        if (out == null) {
            return collapsesPlaceholderList(sql) ? normalizeFromStart(sql, backslashEscapes) : sql;
        }
        return out.append(sql, copiedUpTo, length).toString();
    }

    /** A text with bind markers only ({@code IN (?, ?)}) still needs its list collapsed. */
    private static boolean collapsesPlaceholderList(String sql) {
        int at = sql.indexOf('?');
        while (at >= 0) {
            int next = at + 1;
            while (next < sql.length() && sql.charAt(next) == ' ') {
                next++;
            }
            if (next < sql.length() && sql.charAt(next) == ',') {
                next++;
                while (next < sql.length() && sql.charAt(next) == ' ') {
                    next++;
                }
                if (next < sql.length() && sql.charAt(next) == '?') {
                    return true;
                }
            }
            at = sql.indexOf('?', at + 1);
        }
        return false;
    }

    private static String normalizeFromStart(String sql, boolean backslashEscapes) {
        StringBuilder out = new StringBuilder(sql.length());
        int at = 0;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (c == '\'') {
                int end = skipString(sql, at, backslashEscapes);
                out.append(sql, at, end);
                at = end;
            } else if (c == '"' || c == '`') {
                int end = skipQuotedName(sql, at, c);
                out.append(sql, at, end);
                at = end;
            } else if (c == '?') {
                appendPlaceholder(out);
                at++;
            } else {
                out.append(c);
                at++;
            }
        }
        return out.toString();
    }

    /** Appends {@code ?}, unless it would follow {@code ?,}: then the list already says "some values". */
    private static void appendPlaceholder(StringBuilder out) {
        int at = out.length() - 1;
        while (at >= 0 && out.charAt(at) == ' ') {
            at--;
        }
        if (at >= 0 && out.charAt(at) == ',') {
            int comma = at;
            at--;
            while (at >= 0 && out.charAt(at) == ' ') {
                at--;
            }
            if (at >= 0 && out.charAt(at) == '?') {
                out.setLength(comma);
                while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                return;
            }
        }
        out.append('?');
    }

    /** Typed and prefixed literals — E'…', N'…', X'…', DATE '…' keep no prefix letter glued to the placeholder. */
    private static int withPrefix(String sql, int at) {
        if (at > 0 && sql.charAt(at) == '\'') {
            char before = sql.charAt(at - 1);
            if ((before == 'E' || before == 'e' || before == 'N' || before == 'n' || before == 'X' || before == 'x'
                    || before == 'B' || before == 'b') && (at < 2 || !isNameChar(sql.charAt(at - 2)))) {
                return at - 1;
            }
        }
        return at;
    }

    private static int skipString(String sql, int at, boolean backslashEscapes) {
        int length = sql.length();
        int i = at + 1;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < length && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    private static int skipQuotedName(String sql, int at, char quote) {
        int close = sql.indexOf(quote, at + 1);
        return close < 0 ? sql.length() : close + 1;
    }

    /** Past {@code $tag$…$tag$}, or {@code at} when no dollar quote starts here. */
    private static int skipDollarQuoted(String sql, int at) {
        int tagEnd = at + 1;
        while (tagEnd < sql.length() && isNameChar(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            return at;
        }
        String tag = sql.substring(at, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static int skipNumber(String sql, int at) {
        int length = sql.length();
        int i = at;
        if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
            i += 2;
            while (i < length && Character.digit(sql.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        while (i < length && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        if (i < length && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < length && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < length && isDigit(sql.charAt(exponent))) {
                i = exponent;
                while (i < length && isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    /** A digit inside a name ({@code t1}, {@code col_2}, {@code $1}) is not a number. */
    private static boolean partOfName(String sql, int at) {
        return at > 0 && (isNameChar(sql.charAt(at - 1)) || sql.charAt(at - 1) == '$');
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
