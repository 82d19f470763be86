package dev.driftguard.internal.sql;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * MariaDB's and MySQL's lexical rules: {@code #} comments, {@code --} only before white space, executable comments
 * {@code /*!…*}{@code /} and {@code /*M!…*}{@code /} read as code, backslash escapes in strings (unless
 * {@code NO_BACKSLASH_ESCAPES}), double quotes as strings (unless {@code ANSI_QUOTES}), backquoted names.
 * {@code EXECUTE IMMEDIATE} and {@code PREPARE … FROM} run the SQL in their string; compound statements
 * ({@code BEGIN NOT ATOMIC}, {@code IF}, loops) run the statements inside them now.
 */
final class MySqlLexer extends Lexer {

    private static final Set<String> COMPOUND = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR");
    private static final Set<String> ROUTINES = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");

    private final boolean backslashEscapes;
    private final boolean ansiQuotes;

    MySqlLexer(boolean backslashEscapes, boolean ansiQuotes, List<String> schemaPath) {
        super(schemaPath);
        this.backslashEscapes = backslashEscapes;
        this.ansiQuotes = ansiQuotes;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && ((MySqlLexer) other).backslashEscapes == backslashEscapes
                && ((MySqlLexer) other).ansiQuotes == ansiQuotes;
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + (backslashEscapes ? 1 : 0) + (ansiQuotes ? 2 : 0);
    }

    @Override
    public String toString() {
        return "mysql(" + (ansiQuotes ? "ANSI_QUOTES" : "") + (backslashEscapes ? "" : " NO_BACKSLASH_ESCAPES")
                + pathText() + ")";
    }

    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Lexer withSchemaPath(List<String> path) {
        return of(backslashEscapes, ansiQuotes, path);
    }

    /** The dialect's own instance for the server's defaults, whose shapes the recorder keys by text alone. */
    private static Lexer of(boolean backslashEscapes, boolean ansiQuotes, List<String> path) {
        return backslashEscapes && !ansiQuotes && path == null ? Dialect.MYSQL.lexer()
                : new MySqlLexer(backslashEscapes, ansiQuotes, path);
    }

    /** MariaDB Connector/J ignores {@code setSchema}; the database is the catalog. */
    @Override
    public Lexer afterSetSchema(String schema) {
        return this;
    }

    @Override
    public Lexer afterSetCatalog(String catalog) {
        return catalog == null ? this : withSchemaPath(List.of(catalog));
    }

    /** {@code USE db}: unqualified names now resolve in {@code db}. */
    @Override
    Lexer changedByUse(String statement, int at) {
        List<String> names = namesAfter(statement, "USE", word -> word);
        return names == null || names.size() != 1 ? this : withSchemaPath(names);
    }

    @Override
    int readDialect(Cursor cursor, int at, char c) {
        String sql = cursor.sql;
        switch (c) {
            case '*':
                if (cursor.inCode && at + 1 < sql.length() && sql.charAt(at + 1) == '/') {
                    cursor.inCode = false;
                    cursor.token = Token.CODE_CLOSE;
                    return at + 2;
                }
                return at;
            case '/':
                int opener = executableComment(sql, at);
                if (opener > at) {
                    cursor.inCode = true;
                    cursor.token = Token.CODE_OPEN;
                }
                return opener;
            case '\'':
                return readQuoted(cursor, at + 1, '\'', backslashEscapes, Token.STRING);
            case '"':
                return ansiQuotes ? readQuoted(cursor, at + 1, '"', false, Token.QUOTED_NAME)
                        : readQuoted(cursor, at + 1, '"', backslashEscapes, Token.STRING);
            case '`':
                return readQuoted(cursor, at + 1, '`', false, Token.QUOTED_NAME);
            case ';':
                // inside an executable comment a ; ends no statement: the server reads on to the comment's end
                cursor.token = cursor.inCode ? Token.SYMBOL : Token.SEMICOLON;
                return at + 1;
            default:
                break;
        }
        int prefixed = readPrefixedString(cursor, at, c, "NXB", backslashEscapes);
        if (prefixed > at) {
            return prefixed;
        }
        if (isDigit(c)) {
            // 1e3 is a number, 1abc a name
            int number = readNumber(cursor, at);
            int name = at;
            while (name < sql.length() && isNamePart(sql.charAt(name))) {
                name++;
            }
            if (name > number) {
                cursor.token = Token.WORD;
                return name;
            }
            return number;
        }
        if (c == '_') {
            int end = readWord(cursor, at);
            if (end < sql.length() && (sql.charAt(end) == '\'' || (sql.charAt(end) == '"' && !ansiQuotes))) {
                // a character set introducer: _utf8mb4'…'
                return readQuoted(cursor, end + 1, sql.charAt(end), backslashEscapes, Token.STRING);
            }
            return end;
        }
        return at;
    }

    /** Past {@code /*!} or {@code /*M!} and the version digits after it; {@code at} when none starts here. */
    private static int executableComment(String sql, int at) {
        int i;
        if (sql.startsWith("/*!", at)) {
            i = at + 3;
        } else if (sql.startsWith("/*M!", at)) {
            i = at + 4;
        } else {
            return at;
        }
        int digits = 0;
        while (i < sql.length() && isDigit(sql.charAt(i)) && digits < 6) {
            i++;
            digits++;
        }
        return i;
    }

    @Override
    int skipComment(String sql, int at) {
        if (sql.startsWith("#", at)) {
            return skipLine(sql, at);
        }
        if (sql.startsWith("--", at) && (at + 2 == sql.length() || sql.charAt(at + 2) <= ' ')) {
            return skipLine(sql, at);
        }
        int opener = executableComment(sql, at);
        if (opener > at) {
            return opener; // before a statement's first word, an executable comment's code counts
        }
        if (sql.startsWith("/*", at)) {
            return skipBlockComment(sql, at, false);
        }
        return at;
    }

    /**
     * {@code SET [SESSION] sql_mode = '…'} (also {@code @@sql_mode}, {@code @@session.sql_mode}): ANSI_QUOTES (or
     * ANSI) makes {@code "…"} a name, NO_BACKSLASH_ESCAPES makes the backslash a character. A value computed at run
     * time leaves the lexer as it was; GLOBAL changes no running session.
     */
    @Override
    Lexer changedBy(String statement, int at) {
        String lower = statement.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("sql_mode") || lower.contains("global")) {
            return this;
        }
        String value = valueOf(statement, "sql_mode");
        if (value == null || value.startsWith("@")) {
            return this;
        }
        if (value.equals("DEFAULT")) {
            value = "";
        }
        java.util.Set<String> modes = java.util.Set.of(value.replace(" ", "").split(","));
        boolean ansi = modes.contains("ANSI_QUOTES") || modes.contains("ANSI");
        boolean backslashes = !modes.contains("NO_BACKSLASH_ESCAPES");
        if (ansi == ansiQuotes && backslashes == backslashEscapes) {
            return this;
        }
        // back to the default: the dialect's own instance, whose shapes the recorder keys by text alone
        return of(backslashes, ansi, schemaPath());
    }

    /** The server answers a statement of nothing but a comment like any other. */
    @Override
    boolean commentIsStatement() {
        return true;
    }

    @Override
    String quoteForParser(String name) {
        return '`' + name + '`';
    }

    @Override
    boolean runsStringSql(String sql, int at) {
        if (wordAt(sql, at, "EXECUTE")) {
            return nextWordIs(sql, at + "EXECUTE".length(), "IMMEDIATE");
        }
        return wordAt(sql, at, "PREPARE");
    }

    @Override
    boolean opensCompound(String sql, int at) {
        if (wordAt(sql, at, "BEGIN")) {
            return nextWordIs(sql, at + "BEGIN".length(), "NOT");
        }
        for (String word : COMPOUND) {
            if (wordAt(sql, at, word)) {
                return true;
            }
        }
        return isLabel(sql, at);
    }

    /** {@code name:} before a compound statement. */
    private boolean isLabel(String sql, int at) {
        int end = at;
        while (end < sql.length() && isNamePart(sql.charAt(end))) {
            end++;
        }
        if (end == at) {
            return false;
        }
        int colon = skipSpaceAndComments(sql, end);
        return colon < sql.length() && sql.charAt(colon) == ':' && (colon + 1 == sql.length() || sql.charAt(colon + 1) != '=');
    }

    @Override
    boolean opensBlock(List<Mark> code, Mark word, Supplier<String> next) {
        if (code.size() == 1) {
            return COMPOUND.contains(word.upper) || (word.upper.equals("BEGIN") ? next.get().equals("NOT")
                    : next.get().equals(":"));
        }
        return word.upper.equals("BEGIN") && "CREATE".equals(code.get(0).upper)
                && code.stream().anyMatch(m -> m.upper != null && ROUTINES.contains(m.upper));
    }

    @Override
    boolean blockRunsNow(String firstWord) {
        return !"CREATE".equals(firstWord);
    }

    @Override
    boolean opensInnerBlock(String word) {
        return word.equals("BEGIN") || COMPOUND.contains(word);
    }

    @Override
    Embedded embedded(List<Mark> code, String statement) {
        String first = code.get(0).upper;
        if ("EXECUTE".equals(first)) {
            return literalAfter(code, "IMMEDIATE", "EXECUTE IMMEDIATE");
        }
        if ("PREPARE".equals(first)) {
            return literalAfter(code, "FROM", "PREPARE … FROM");
        }
        return Embedded.NONE; // a compound statement: its inner statements were read one by one
    }
}
