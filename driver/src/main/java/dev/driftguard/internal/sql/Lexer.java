package dev.driftguard.internal.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads SQL text as one database reads it: where its comments, strings, quoted names and statements begin and end.
 * One subclass per dialect ({@link Dialect#lexer()}); every path that looks at SQL text — deciding whether a call
 * may run DDL, splitting scripts, normalising literals into shapes, finding the override comment, preparing text
 * for the parser — goes through it, so that what driftguard reads is what the database runs.
 *
 * <p>Instances are immutable and thread-safe. {@link #mayRunDdl} runs on the application's thread for every
 * statement: it allocates nothing for a text without {@code ;}.
 */
public abstract class Lexer {

    /** What one token of SQL text is. */
    enum Token {
        SPACE, COMMENT,
        /** MySQL's executable comment opener {@code /*!50000} or {@code /*M!100000}: what follows is code. */
        CODE_OPEN,
        /** The {@code *}{@code /} that closes an executable comment. */
        CODE_CLOSE,
        STRING, QUOTED_NAME, WORD, NUMBER, PARAMETER, SEMICOLON, SYMBOL
    }

    private static final String[] DDL_WORDS = {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "COMMENT"};

    /** The schemas this session resolves unqualified names in, as its own statements set them; null: the connection's. */
    private final List<String> schemaPath;

    Lexer(List<String> schemaPath) {
        this.schemaPath = schemaPath == null ? null : List.copyOf(schemaPath);
    }

    /**
     * The schemas (MySQL: the database) the session resolves unqualified names in, in order, as its own
     * statements ({@code SET search_path}, {@code USE}, {@code SET SCHEMA}) or {@code Connection.setSchema} set
     * them; null while it uses the connection's default, which the catalog reads itself.
     */
    public final List<String> schemaPath() {
        return schemaPath;
    }

    /** This lexer in a session that resolves names in {@code path} (null: the connection's default). */
    abstract Lexer withSchemaPath(List<String> path);

    /**
     * This lexer with the schema path {@code session} really has, asked of the server: for DDL, whose target must
     * resolve as the database will resolve it whatever changed the path ({@code set_config}, {@code SET LOCAL},
     * a routine's own {@code SET}). This lexer when the server cannot say within {@code seconds}. One round
     * trip: DDL only.
     */
    public final Lexer withPathOf(java.sql.Connection session, int seconds) {
        List<String> server;
        try {
            server = JdbcCatalog.sessionPath(session, dialect(), seconds);
        } catch (java.sql.SQLException | RuntimeException cannotSay) {
            return this; // a failed transaction, a closed connection: the DDL itself will say
        }
        List<String> path = server.isEmpty() ? schemaPath : withServerPath(server);
        return java.util.Objects.equals(path, schemaPath) ? this : withSchemaPath(path);
    }

    /** The dialect whose rules this lexer follows. */
    abstract Dialect dialect();

    /** The path, given what the server says it is: all of it, where the server can say all of it. */
    List<String> withServerPath(List<String> server) {
        return server;
    }

    /** After {@code Connection.setSchema(schema)}: where the driver sets the session's schema, it is the path. */
    public Lexer afterSetSchema(String schema) {
        return schema == null ? this : withSchemaPath(List.of(schema));
    }

    /** After {@code Connection.setCatalog(catalog)}: only MySQL resolves names by the catalog. */
    public Lexer afterSetCatalog(String catalog) {
        return this;
    }

    /**
     * Lexers are values: two of one kind with the same settings and schema path read SQL alike. Kinds with
     * settings of their own (PostgreSQL, MySQL) add them.
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && java.util.Objects.equals(schemaPath, ((Lexer) other).schemaPath);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + java.util.Objects.hashCode(schemaPath);
    }

    final String pathText() {
        return schemaPath == null ? "" : " schemas=" + schemaPath;
    }

    // ---- what a dialect says ------------------------------------------------------------------------------------

    /**
     * Reads the token that starts at {@code cursor.end}: sets its kind and returns where it ends. What every
     * dialect shares is read here; {@link #readDialect} reads what is the dialect's own first.
     */
    final int read(Cursor cursor) {
        String sql = cursor.sql;
        int at = cursor.end;
        char c = sql.charAt(at);
        if (Character.isWhitespace(c)) {
            return readSpace(cursor, at);
        }
        int own = readDialect(cursor, at, c);
        if (own > at) {
            return own;
        }
        int comment = c == '-' || c == '/' || c == '#' ? skipComment(sql, at) : at;
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
                cursor.token = Token.PARAMETER;
                return at + 1;
            default:
                break;
        }
        if (isDigit(c) || (c == '.' && at + 1 < sql.length() && isDigit(sql.charAt(at + 1)))) {
            return readNumber(cursor, at);
        }
        if (isNameStart(c)) {
            return readWord(cursor, at);
        }
        cursor.token = Token.SYMBOL;
        return at + 1;
    }

    /**
     * Reads a token of the dialect's own that starts at {@code at} with {@code c} — its strings, quotes, prefixes
     * and parameters — and returns where it ends; {@code at} when the shared rules apply (white space is read
     * before, comments, {@code '…'}, {@code "…"}, {@code ;}, {@code ?}, numbers, names and symbols after).
     */
    abstract int readDialect(Cursor cursor, int at, char c);

    /**
     * Index past a comment (or an executable-comment opener) that starts at {@code at}; {@code at} when none does.
     * Every dialect's comments open with {@code -}, {@code /} or {@code #}: {@link #skipSpaceAndComments} asks
     * only there.
     */
    abstract int skipComment(String sql, int at);

    /**
     * Whether a statement whose first word starts at {@code at} runs SQL held in a string — PostgreSQL {@code DO},
     * {@code EXECUTE IMMEDIATE}, MySQL {@code PREPARE … FROM} — or opens a block of statements that runs now.
     */
    final boolean runsEmbeddedSql(String sql, int at) {
        return runsStringSql(sql, at) || opensCompound(sql, at);
    }

    /** Whether a statement whose first word starts at {@code at} runs SQL held in a string. */
    boolean runsStringSql(String sql, int at) {
        return false;
    }

    /**
     * Whether a statement whose first word starts at {@code at} is a compound statement that runs the statements
     * inside it now (MariaDB {@code BEGIN NOT ATOMIC}, {@code IF}, loops). Each inner statement ends with {@code ;},
     * so a text without one holds no DDL of this kind.
     */
    boolean opensCompound(String sql, int at) {
        return false;
    }

    /** The SQL texts a {@link #runsEmbeddedSql} statement runs; the reason when they cannot be read from its text. */
    Embedded embedded(List<Mark> code, String statement) {
        return Embedded.NONE;
    }

    /** Whether this word, first in a statement inside a block, opens a nested block ({@code IF}, {@code LOOP}, …). */
    boolean opensInnerBlock(String word) {
        return false;
    }

    /**
     * Whether {@code word}, the last of the statement's {@code code} so far, opens a block: PostgreSQL
     * {@code BEGIN ATOMIC} in a routine, MySQL {@code BEGIN} in one, MariaDB compound statements. {@code next} is
     * the token after it, upper-cased, read only when asked for.
     */
    boolean opensBlock(List<Mark> code, Mark word, Supplier<String> next) {
        return false;
    }

    /** Whether the block that {@link #opensBlock} opened runs now (MariaDB {@code BEGIN NOT ATOMIC}) or is a body. */
    boolean blockRunsNow(String firstWord) {
        return false;
    }

    /** Whether a piece of script that holds only a comment is a statement the server runs (and answers). */
    boolean commentIsStatement() {
        return false;
    }

    /** Whether a quoted name can reach the parser as it is (no dot, quote or control character inside). */
    boolean passesToParser(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == '.' || c == '"' || c == '`' || c == '\\' || c == '[' || c == ']') {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** How a name that passes to the parser is quoted for it. */
    String quoteForParser(String name) {
        return '"' + name + '"';
    }

    /**
     * The lexer for the session after {@code statement} ran successfully on it: another one when the statement
     * changed how the session reads literals or quotes (PostgreSQL {@code standard_conforming_strings}, MySQL
     * {@code sql_mode}), else this one. Cheap for every statement that is not {@code SET} or {@code RESET}.
     */
    public final Lexer afterSessionChange(String statement) {
        int at = skipSpaceAndComments(statement, 0);
        if (at + 3 > statement.length()) {
            return this;
        }
        int first = statement.charAt(at) | 0x20;
        int third = statement.charAt(at + 2) | 0x20;
        // SET, RESET or USE: two or three character comparisons turn away almost every statement
        if ((statement.charAt(at + 1) | 0x20) != (first == 'u' ? 's' : 'e')
                || third != (first == 's' ? 't' : first == 'r' ? 's' : first == 'u' ? 'e' : 0)) {
            return first == 's' && third == 'l' ? changedBySelect(statement, at) : this;
        }
        return sessionStatement(statement, at);
    }

    /** A statement that starts like SELECT: PostgreSQL's {@code SELECT set_config(…)} changes settings too. */
    Lexer changedBySelect(String statement, int at) {
        return this;
    }

    /** A statement that starts like SET, RESET or USE: rare, so it may take its time. */
    private Lexer sessionStatement(String statement, int at) {
        if (wordAt(statement, at, "USE")) {
            return changedByUse(statement, at);
        }
        if (!wordAt(statement, at, "SET") && !wordAt(statement, at, "RESET")) {
            return this;
        }
        return changedBy(statement, at);
    }

    /** A SET or RESET starting at {@code at}: the lexer it leaves the session with. */
    Lexer changedBy(String statement, int at) {
        return this;
    }

    /** The SQL statements among a procedural routine body's (PostgreSQL PL/pgSQL); none elsewhere. */
    List<String> proceduralQueries(String body) {
        return List.of();
    }

    /** A {@code USE} starting at {@code at}: MySQL's change of database. */
    Lexer changedByUse(String statement, int at) {
        return this;
    }

    /**
     * The comma-separated names after {@code setting} and its {@code =} or {@code TO}: words folded by
     * {@code fold}, quoted names and strings as written. Null for {@code DEFAULT}; an empty list when the value
     * is not a plain list of names (a variable, a function), which callers leave alone.
     */
    final List<String> namesAfter(String statement, String setting, java.util.function.UnaryOperator<String> fold) {
        Cursor cursor = new Cursor(statement);
        boolean found = false;
        List<String> names = new ArrayList<>();
        boolean wantName = true;
        while (cursor.next()) {
            if (cursor.token == Token.SPACE || cursor.token == Token.COMMENT) {
                continue;
            }
            String text = statement.substring(cursor.start, cursor.end);
            if (!found) {
                found = cursor.token == Token.WORD && text.equalsIgnoreCase(setting);
                continue;
            }
            if (names.isEmpty() && wantName && (text.equals("=") || text.equalsIgnoreCase("TO"))) {
                continue;
            }
            if (cursor.token == Token.SEMICOLON) {
                break;
            }
            if (wantName && cursor.token == Token.WORD) {
                if (names.isEmpty() && text.equalsIgnoreCase("DEFAULT")) {
                    return null;
                }
                names.add(fold.apply(text));
            } else if (wantName && (cursor.token == Token.QUOTED_NAME || cursor.token == Token.STRING)) {
                names.add(decode(cursor));
            } else if (!wantName && text.equals(",")) {
                wantName = true;
                continue;
            } else {
                return List.of();
            }
            wantName = false;
        }
        return names;
    }

    /** The word or literal value after {@code setting} and its {@code =} or {@code TO}, upper-cased; null if none. */
    final String valueOf(String statement, String setting) {
        Cursor cursor = new Cursor(statement);
        boolean found = false;
        while (cursor.next()) {
            if (cursor.token == Token.SPACE || cursor.token == Token.COMMENT) {
                continue;
            }
            String text = statement.substring(cursor.start, cursor.end);
            if (!found) {
                found = cursor.token == Token.WORD && text.equalsIgnoreCase(setting);
            } else if (text.equals("=") || text.equalsIgnoreCase("TO")) {
                continue;
            } else if (cursor.token == Token.STRING || cursor.token == Token.QUOTED_NAME) {
                return decode(cursor).toUpperCase(Locale.ROOT);
            } else {
                return cursor.token == Token.WORD || cursor.token == Token.NUMBER ? text.toUpperCase(Locale.ROOT) : null;
            }
        }
        return null;
    }

    // ---- whole texts ----------------------------------------------------------------------------------------------

    /**
     * Whether running {@code sql} may run DDL: a statement in it starts with a DDL keyword, runs SQL held in a
     * string, or opens a block that runs now. On the application's thread, for every statement.
     */
    public final boolean mayRunDdl(String sql) {
        if (sql.indexOf(';') < 0) {
            // the common case: one statement, so only its first word counts
            int at = skipSpaceAndComments(sql, 0);
            return at < sql.length() && (startsWithDdlWord(sql, at) || runsStringSql(sql, at));
        }
        // several statements: each one's first word; a block or embedded SQL is looked into by the guard
        Cursor cursor = new Cursor(sql);
        boolean atStart = true;
        while (cursor.next()) {
            Token token = cursor.token;
            if (token == Token.SEMICOLON) {
                atStart = true;
            } else if (atStart && token != Token.SPACE && token != Token.COMMENT && token != Token.CODE_OPEN
                    && token != Token.CODE_CLOSE && !(token == Token.SYMBOL && sql.charAt(cursor.start) == '(')) {
                if (startsWithDdlWord(sql, cursor.start) || runsEmbeddedSql(sql, cursor.start)) {
                    return true;
                }
                atStart = false;
            }
        }
        return false;
    }

    /** The statements of a script as the database separates them, trimmed, empty ones left out. */
    public final List<String> split(String script) {
        List<String> texts = new ArrayList<>();
        for (Statement statement : statements(script)) {
            texts.add(statement.text);
        }
        return texts;
    }

    /**
     * The statements of a script, each with the DDL it runs: itself when it is DDL, the DDL statements inside a
     * block that runs now, and the statements held in the strings it executes.
     */
    public final List<Statement> statements(String script) {
        return new Splitter(script).run();
    }

    /**
     * The shape of {@code sql}: literals become {@code ?}, comments disappear and lists of placeholders collapse,
     * so {@code id = 1} and {@code id = 2}, or {@code IN (?, ?)} and {@code IN (?, ?, ?)}, share one shape.
     * Executable comments keep their code. Returns the same instance when nothing changes.
     */
    public final String normalize(String sql) {
        StringBuilder out = null;
        int copied = 0;
        Cursor cursor = new Cursor(sql);
        while (cursor.next()) {
            Token token = cursor.token;
            boolean placeholder = token == Token.STRING || token == Token.NUMBER
                    || (token == Token.PARAMETER && sql.charAt(cursor.start) == '?' && out != null);
            if (!placeholder && token != Token.COMMENT && token != Token.CODE_OPEN && token != Token.CODE_CLOSE) {
                continue; // copied later in one piece
            }
            if (out == null) {
                out = new StringBuilder(sql.length());
            }
            out.append(sql, copied, cursor.start);
            if (placeholder) {
                placeholder(out);
            } else {
                out.append(' ');
            }
            copied = cursor.end;
        }
        if (out == null) {
            return collapsesPlaceholderList(sql) ? normalizeFromStart(sql) : sql;
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    /** A text with bind markers only ({@code IN (?, ?)}) still needs its list collapsed. */
    private static boolean collapsesPlaceholderList(String sql) {
        for (int at = sql.indexOf('?'); at >= 0; at = sql.indexOf('?', at + 1)) {
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
        }
        return false;
    }

    /** Like {@link #normalize}, for a text whose only change is a list of bind markers to collapse. */
    private String normalizeFromStart(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Cursor cursor = new Cursor(sql);
        while (cursor.next()) {
            if (cursor.token == Token.PARAMETER && sql.charAt(cursor.start) == '?') {
                placeholder(out);
            } else {
                out.append(sql, cursor.start, cursor.end);
            }
        }
        return out.toString();
    }

    /**
     * The text the parser reads for {@code statement}: comments gone, executable comments opened, every string
     * literal empty (no literal reaches the parser or its messages), and quoted names the parser would misread
     * (a dot, a doubled quote, a newline, a Unicode escape inside) replaced by stand-ins it reads as one name.
     */
    public final ParseText parseText(String statement) {
        StringBuilder out = new StringBuilder(statement.length());
        List<String> names = new ArrayList<>();
        Cursor cursor = new Cursor(statement);
        while (cursor.next()) {
            switch (cursor.token) {
                case STRING:
                    out.append("''");
                    break;
                case COMMENT:
                case CODE_OPEN:
                case CODE_CLOSE:
                    out.append(' ');
                    break;
                case QUOTED_NAME:
                    String name = decode(cursor);
                    if (passesToParser(name) && !cursor.unicode) {
                        out.append(quoteForParser(name));
                    } else {
                        names.add(name);
                        out.append(quoteForParser(ParseText.standIn(names.size() - 1)));
                    }
                    break;
                default:
                    out.append(statement, cursor.start, cursor.end);
            }
        }
        return new ParseText(out.toString(), names);
    }

    /** The text of every comment in {@code statement} (not executable comments, nothing inside a literal). */
    public final List<String> comments(String statement) {
        List<String> comments = new ArrayList<>();
        Cursor cursor = new Cursor(statement);
        while (cursor.next()) {
            if (cursor.token == Token.COMMENT) {
                comments.add(statement.substring(cursor.start, cursor.end));
            }
        }
        return comments;
    }

    /** The first word of a statement, upper-cased; empty when it has none. */
    public final String firstWord(String statement) {
        int at = skipSpaceAndComments(statement, 0);
        int end = at;
        while (end < statement.length() && isNamePart(statement.charAt(end))) {
            end++;
        }
        return statement.substring(at, end).toUpperCase(Locale.ROOT);
    }

    private static final String[] SESSION_WORDS = {"SET", "SHOW", "RESET", "BEGIN", "START", "COMMIT", "END",
        "ROLLBACK", "SAVEPOINT", "RELEASE", "DISCARD", "LISTEN", "NOTIFY", "UNLISTEN", "DEALLOCATE", "USE", "VACUUM",
        "ANALYZE", "CHECKPOINT", "FETCH", "CLOSE", "DECLARE", "MOVE"};

    /** Whether the statement only talks to the session or server (SET, SHOW, COMMIT, …) and touches no table. */
    final boolean isSessionStatement(String statement) {
        int at = skipSpaceAndComments(statement, 0);
        for (String word : SESSION_WORDS) {
            if (wordAt(statement, at, word)) {
                return !runsEmbeddedSql(statement, at);
            }
        }
        return false;
    }

    /** The kind a statement's first word says it is, for texts the parser cannot read. */
    final StatementKind kindByKeyword(String statement) {
        int at = skipSpaceAndComments(statement, 0);
        if (startsWithDdlWord(statement, at)) {
            return StatementKind.DDL;
        }
        for (StatementKind kind : new StatementKind[] {StatementKind.SELECT, StatementKind.INSERT, StatementKind.UPDATE,
            StatementKind.DELETE, StatementKind.MERGE}) {
            if (wordAt(statement, at, kind.name())) {
                return kind;
            }
        }
        return wordAt(statement, at, "WITH") ? StatementKind.SELECT : StatementKind.OTHER;
    }

    // ---- statements -----------------------------------------------------------------------------------------------

    /** One statement of a script, and the DDL it runs. */
    public static final class Statement {
        /** The statement as the database receives it, trimmed. */
        public final String text;
        /** DDL statements it runs directly: itself, or those inside a block that runs now. */
        public final List<String> ddl;
        /** What it runs through {@code DO}, {@code EXECUTE IMMEDIATE} or {@code PREPARE … FROM}. */
        public final List<Embedded> embedded;

        Statement(String text, List<String> ddl, List<Embedded> embedded) {
            this.text = text;
            this.ddl = List.copyOf(ddl);
            this.embedded = List.copyOf(embedded);
        }
    }

    /** SQL a statement runs from a string: the texts when they are literals, else why they cannot be read. */
    public static final class Embedded {
        static final Embedded NONE = new Embedded(List.of(), null);

        /** The statement texts it runs, each to be read with the same lexer. */
        public final List<String> texts;
        /** Why what it runs cannot be known from its text (a string built at run time), or null. */
        public final String unreadable;

        Embedded(List<String> texts, String unreadable) {
            this.texts = List.copyOf(texts);
            this.unreadable = unreadable;
        }

        static Embedded unreadable(String why) {
            return new Embedded(List.of(), why);
        }
    }

    /**
     * Walks a script token by token. A {@code ;} ends a statement, except inside a block: a routine body
     * ({@code BEGIN ATOMIC … END}, MySQL {@code BEGIN … END}) or a compound statement that runs now (MariaDB
     * {@code BEGIN NOT ATOMIC … END}, {@code IF … END IF}). Inside a block that runs now, each inner statement that
     * is DDL or runs embedded SQL is collected.
     */
    private final class Splitter {
        private final String script;
        private final List<Statement> statements = new ArrayList<>();
        private final Deque<Block> blocks = new ArrayDeque<>();
        private int start;
        private List<Mark> code = new ArrayList<>();
        private List<String> ddl = new ArrayList<>();
        private List<Embedded> embedded = new ArrayList<>();
        /** The inner statement being read inside a block; empty between statements. */
        private List<Mark> inner = new ArrayList<>();
        private boolean innerNext;
        /** After END: its IF, LOOP or label up to the next {@code ;} is no statement. */
        private boolean closing;

        Splitter(String script) {
            this.script = script;
        }

        List<Statement> run() {
            Cursor cursor = new Cursor(script);
            while (cursor.next()) {
                Token token = cursor.token;
                if (token == Token.SPACE || token == Token.COMMENT || token == Token.CODE_OPEN || token == Token.CODE_CLOSE) {
                    continue;
                }
                if (token == Token.SEMICOLON) {
                    closing = false;
                    if (blocks.isEmpty()) {
                        endStatement(cursor.start);
                        start = cursor.end;
                    } else {
                        endInner(cursor.start);
                        innerNext = true;
                    }
                    continue;
                }
                Mark mark = cursor.mark();
                code.add(mark);
                if (blocks.isEmpty()) {
                    if (mark.token == Token.WORD && opensBlock(code, mark, () -> nextToken(mark))) {
                        Block block = new Block(blockRunsNow(code.get(0).upper), false);
                        blocks.push(block);
                        // BEGIN is followed by statements at once; IF, WHILE … by their condition first
                        innerNext = mark.upper.equals("BEGIN") && !nextToken(mark).equals("NOT");
                    }
                    continue;
                }
                if (closing) {
                    continue;
                }
                if (innerNext) {
                    innerNext = false;
                    inner = new ArrayList<>();
                    inner.add(mark);
                } else if (!inner.isEmpty()) {
                    inner.add(mark);
                }
                if (mark.token == Token.WORD) {
                    word(mark);
                }
            }
            endStatement(script.length());
            return statements;
        }

        /** Inside a block: words that close it, open a nested one, or start the next inner statement. */
        private void word(Mark mark) {
            String word = mark.upper;
            Block top = blocks.peek();
            if (top.expressionCase) {
                if (word.equals("CASE")) {
                    blocks.push(new Block(top.runsNow, true));
                } else if (word.equals("END")) {
                    blocks.pop();
                }
                return;
            }
            boolean first = inner.size() == 1 && inner.get(0) == mark;
            if (word.equals("END") && (first || (!inner.isEmpty() && "UNTIL".equals(inner.get(0).upper)))) {
                blocks.pop();
                inner = new ArrayList<>();
                closing = true;
                return;
            }
            if (first && opensInnerBlock(word)) {
                blocks.push(new Block(top.runsNow, false));
                innerNext = word.equals("BEGIN") || word.equals("LOOP") || word.equals("REPEAT");
                if (innerNext) {
                    inner = new ArrayList<>();
                }
                return;
            }
            if (word.equals("CASE")) {
                blocks.push(new Block(top.runsNow, true));
                return;
            }
            if (word.equals("THEN") || word.equals("ELSE") || word.equals("DO") || word.equals("LOOP")
                    || word.equals("REPEAT") || word.equals("ATOMIC")) {
                inner = new ArrayList<>();
                innerNext = true;
            }
        }

        /** The next token's word, upper-cased, or its text. */
        private String nextToken(Mark mark) {
            Cursor peek = new Cursor(script);
            peek.end = mark.end;
            while (peek.next()) {
                if (peek.token != Token.SPACE && peek.token != Token.COMMENT) {
                    return script.substring(peek.start, peek.end).toUpperCase(Locale.ROOT);
                }
            }
            return "";
        }

        private void endInner(int end) {
            if (!inner.isEmpty() && runningBlocks()) {
                String text = script.substring(inner.get(0).start, end).trim();
                if (startsWithDdlWord(text, 0)) {
                    ddl.add(text);
                } else if (runsEmbeddedSql(text, 0)) {
                    Embedded runs = embedded(inner, text);
                    if (runs != Embedded.NONE) {
                        embedded.add(runs);
                    }
                }
            }
            inner = new ArrayList<>();
        }

        private boolean runningBlocks() {
            for (Block block : blocks) {
                if (!block.runsNow) {
                    return false;
                }
            }
            return true;
        }

        private void endStatement(int end) {
            endInner(end);
            String text = script.substring(start, end).trim();
            if (!code.isEmpty()) {
                int first = code.get(0).start;
                if (startsWithDdlWord(script, first)) {
                    ddl.add(0, text);
                } else if (blocks.isEmpty() && ddl.isEmpty() && embedded.isEmpty() && runsEmbeddedSql(script, first)) {
                    Embedded runs = embedded(code, text);
                    if (runs != Embedded.NONE) {
                        embedded.add(runs);
                    }
                }
                statements.add(new Statement(text, ddl, embedded));
            } else if (!text.isEmpty() && commentIsStatement()) {
                statements.add(new Statement(text, List.of(), List.of()));
            }
            blocks.clear();
            closing = false;
            innerNext = false;
            code = new ArrayList<>();
            ddl = new ArrayList<>();
            embedded = new ArrayList<>();
        }
    }

    /** An open block: whether its statements run now, and whether it is a CASE expression rather than statements. */
    private static final class Block {
        final boolean runsNow;
        final boolean expressionCase;

        Block(boolean runsNow, boolean expressionCase) {
            this.runsNow = runsNow;
            this.expressionCase = expressionCase;
        }
    }

    // ---- tokens ---------------------------------------------------------------------------------------------------

    /** One pass over a text. Not thread-safe; one per pass. */
    final class Cursor {
        final String sql;
        int start;
        int end;
        Token token;
        /** Inside a MySQL executable comment. */
        boolean inCode;
        // for STRING and QUOTED_NAME: what a decoder needs
        int contentStart;
        int contentEnd;
        char quote;
        boolean backslashes;
        boolean unicode;
        char unicodeEscape;

        Cursor(String sql) {
            this.sql = sql;
        }

        boolean next() {
            if (end >= sql.length()) {
                return false;
            }
            start = end;
            unicode = false;
            backslashes = false;
            end = read(this);
            return true;
        }

        Mark mark() {
            String upper = token == Token.WORD ? sql.substring(start, end).toUpperCase(Locale.ROOT) : null;
            String decoded = token == Token.STRING || token == Token.QUOTED_NAME ? decode(this) : null;
            return new Mark(token, start, end, upper, decoded);
        }
    }

    /** A token that was read: its kind, place, upper-cased word or decoded content. */
    static final class Mark {
        final Token token;
        final int start;
        final int end;
        final String upper;
        final String decoded;

        Mark(Token token, int start, int end, String upper, String decoded) {
            this.token = token;
            this.start = start;
            this.end = end;
            this.upper = upper;
            this.decoded = decoded;
        }
    }

    /** The content of the string or quoted name under {@code cursor}, as the database reads it. */
    final String decode(Cursor cursor) {
        String sql = cursor.sql;
        StringBuilder out = new StringBuilder(cursor.contentEnd - cursor.contentStart);
        for (int i = cursor.contentStart; i < cursor.contentEnd; i++) {
            char c = sql.charAt(i);
            if (c == cursor.quote && i + 1 < cursor.contentEnd && sql.charAt(i + 1) == cursor.quote) {
                out.append(c);
                i++;
            } else if (c == '\\' && cursor.backslashes && i + 1 < cursor.contentEnd) {
                char escaped = sql.charAt(++i);
                switch (escaped) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 'b': out.append('\b'); break;
                    case '0': out.append('\0'); break;
                    case 'Z': out.append('\u001a'); break;
                    default: out.append(escaped);
                }
            } else if (cursor.unicode && c == cursor.unicodeEscape && i + 1 < cursor.contentEnd) {
                if (sql.charAt(i + 1) == cursor.unicodeEscape) {
                    out.append(c);
                    i++;
                } else {
                    int digits = sql.charAt(i + 1) == '+' ? 6 : 4;
                    int from = i + 1 + (digits == 6 ? 1 : 0);
                    if (from + digits <= cursor.contentEnd) {
                        try {
                            out.appendCodePoint(Integer.parseInt(sql.substring(from, from + digits), 16));
                            i = from + digits - 1;
                            continue;
                        } catch (NumberFormatException notHex) {
                            // not an escape after all: kept as written, as the database would reject it anyway
                        }
                    }
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---- reading helpers for the dialects -------------------------------------------------------------------------

    /** Whitespace, comments and opening parentheses before a statement's first word. */
    final int skipSpaceAndComments(String sql, int at) {
        int length = sql.length();
        while (at < length) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c) || c == '(') {
                at++;
            } else if (c != '-' && c != '/' && c != '#') {
                return at; // no dialect's comment opens otherwise: a statement's first letter stops here
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

    final boolean startsWithDdlWord(String sql, int at) {
        if (at >= sql.length()) {
            return false;
        }
        switch (sql.charAt(at) | 0x20) { // the first letters of the DDL words: most statements stop here
            case 'c':
            case 'a':
            case 'd':
            case 'r':
            case 't':
                break;
            default:
                return false;
        }
        for (String word : DDL_WORDS) {
            if (wordAt(sql, at, word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} (upper case) stands at {@code at} as a whole word. */
    static boolean wordAt(String sql, int at, String word) {
        if (at < 0 || at >= sql.length()) {
            return false;
        }
        char first = sql.charAt(at);
        // an ASCII character other than the word's first, case aside: the usual answer, given without the
        // case-insensitive comparison, which every statement that is not DDL paid for ("EXECUTE" on H2)
        if (first < 128 && (first | 0x20) != (word.charAt(0) | 0x20)) {
            return false;
        }
        int end = at + word.length();
        return sql.regionMatches(true, at, word, 0, word.length())
                && (end == sql.length() || !isNamePart(sql.charAt(end)))
                && (at == 0 || !isNamePart(sql.charAt(at - 1)));
    }

    /** The next word after {@code at} (skipping space and comments) is {@code word}. */
    final boolean nextWordIs(String sql, int at, String word) {
        int next = skipSpaceAndComments(sql, at);
        return wordAt(sql, next, word);
    }

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    static int skipLine(String sql, int at) {
        int newline = sql.indexOf('\n', at);
        return newline < 0 ? sql.length() : newline + 1;
    }

    /** Past a block comment; nested ones count when {@code nested}. Unclosed: to the end, as the database says. */
    static int skipBlockComment(String sql, int at, boolean nested) {
        int depth = 0;
        int length = sql.length();
        int i = at;
        while (i < length) {
            if (sql.startsWith("/*", i) && (nested || depth == 0)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    /** Reads a quoted string or name whose content starts at {@code from}; doubled quotes and, if asked, backslashes escape. */
    static int readQuoted(Cursor cursor, int from, char quote, boolean backslashes, Token token) {
        String sql = cursor.sql;
        int length = sql.length();
        cursor.token = token;
        cursor.quote = quote;
        cursor.backslashes = backslashes;
        cursor.contentStart = from;
        int i = from;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashes) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < length && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    cursor.contentEnd = i;
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        cursor.contentEnd = Math.min(i, length);
        return length;
    }

    /** {@code X'…'}-style literals: one of {@code letters} right before a quote. {@code at} when none starts here. */
    static int readPrefixedString(Cursor cursor, int at, char c, String letters, boolean backslashes) {
        String sql = cursor.sql;
        if (at + 1 < sql.length() && sql.charAt(at + 1) == '\'' && letters.indexOf(Character.toUpperCase(c)) >= 0) {
            return readQuoted(cursor, at + 2, '\'', backslashes, Token.STRING);
        }
        return at;
    }

    /** {@code U&'…'} and {@code U&"…"}, with {@code UESCAPE 'c'} after it where {@code uescape}; else {@code at}. */
    final int readUnicode(Cursor cursor, int at, char c, boolean uescape) {
        String sql = cursor.sql;
        if ((c != 'U' && c != 'u') || at + 2 >= sql.length() || sql.charAt(at + 1) != '&'
                || (sql.charAt(at + 2) != '\'' && sql.charAt(at + 2) != '"')) {
            return at;
        }
        char quote = sql.charAt(at + 2);
        int end = readQuoted(cursor, at + 3, quote, false, quote == '"' ? Token.QUOTED_NAME : Token.STRING);
        cursor.unicode = true;
        cursor.unicodeEscape = '\\';
        if (!uescape) {
            return end;
        }
        int after = skipSpaceAndComments(sql, end);
        if (wordAt(sql, after, "UESCAPE")) {
            int literal = skipSpaceAndComments(sql, after + "UESCAPE".length());
            if (literal + 2 < sql.length() && sql.charAt(literal) == '\'' && sql.charAt(literal + 2) == '\'') {
                cursor.unicodeEscape = sql.charAt(literal + 1);
                return literal + 3;
            }
        }
        return end;
    }

    static int readWord(Cursor cursor, int at) {
        String sql = cursor.sql;
        int i = at + 1;
        while (i < sql.length() && isNamePart(sql.charAt(i))) {
            i++;
        }
        cursor.token = Token.WORD;
        return i;
    }

    static int readNumber(Cursor cursor, int at) {
        String sql = cursor.sql;
        int length = sql.length();
        int i = at;
        cursor.token = Token.NUMBER;
        if ((sql.startsWith("0x", i) || sql.startsWith("0X", i)) && i + 2 < length && Character.digit(sql.charAt(i + 2), 16) >= 0) {
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

    static int readSpace(Cursor cursor, int at) {
        String sql = cursor.sql;
        int i = at + 1;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        cursor.token = Token.SPACE;
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Appends {@code ?}, unless it would follow {@code ?,}: then the list already says "some values". */
    private static void placeholder(StringBuilder out) {
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

    /** The code tokens of an embedded-SQL statement, for {@link #embedded}: the string after {@code keyword}. */
    final Embedded literalAfter(List<Mark> code, String keyword, String what) {
        for (int i = 0; i < code.size(); i++) {
            Mark mark = code.get(i);
            if (keyword.equals(mark.upper)) {
                if (i + 1 < code.size() && code.get(i + 1).token == Token.STRING
                        && (i + 2 == code.size() || code.get(i + 2).token == Token.WORD)) {
                    return new Embedded(split(code.get(i + 1).decoded), null);
                }
                return Embedded.unreadable(what + " of a string built at run time");
            }
        }
        return Embedded.unreadable(what + " that cannot be read");
    }
}
