package dev.driftguard.cli;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL DDL that holds heavy locks for long on a table that exists: one line each with the safe alternative.
 * Warnings, never refusals; {@code /* driftguard:lock-ok *}{@code /} in a statement silences its warnings. Where
 * the answer depends on the server (is a default volatile, does a type change rewrite, is there a validated NOT
 * NULL check), the server is asked.
 */
final class LockWarnings {

    /** The comment that silences one statement's lock warnings. */
    static final String SILENCE = "driftguard:lock-ok";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final String NAME = "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)";
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?.*?\\bON\\s+(?:ONLY\\s+)?" + NAME, FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME + "\\s+(.*)$", FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME + "\\s+(\\w+)(.*)$", FLAGS);
    private static final Pattern DEFAULT = Pattern.compile("\\bDEFAULT\\s+(.*)$", FLAGS);
    private static final Pattern FUNCTION = Pattern.compile("([a-z_][\\w$]*)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_NOT_NULL = Pattern.compile(
            "^ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+SET\\s+NOT\\s+NULL$", FLAGS);
    private static final Pattern SET_TYPE = Pattern.compile(
            "^ALTER\\s+(?:COLUMN\\s+)?" + NAME + "\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+(.+?)(\\s+COLLATE\\s+.*?)?(\\s+USING\\s+.*)?$",
            FLAGS);
    private static final Pattern FOREIGN_KEY = Pattern.compile("^ADD\\s+(?:CONSTRAINT\\s+\\S+\\s+)?FOREIGN\\s+KEY\\b",
            FLAGS);
    private static final Pattern NOT_VALID = Pattern.compile("\\bNOT\\s+VALID\\s*$", FLAGS);
    private static final Pattern MODIFIER = Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private final Dialect dialect;
    private final ConnectionSource database;

    LockWarnings(Dialect dialect, ConnectionSource database) {
        this.dialect = dialect;
        this.database = database;
    }

    /** The warnings for one statement; none off PostgreSQL, for a table not there yet, or when silenced. */
    List<String> of(String statement) throws SQLException {
        Lexer lexer = dialect.lexer();
        if (dialect != Dialect.POSTGRES || lexer.comments(statement).stream().anyMatch(c -> c.contains(SILENCE))) {
            return List.of();
        }
        // comments gone and literals emptied, while type modifiers such as varchar(40) keep their numbers
        String sql = lexer.parseText(statement).text().trim().replaceAll(";$", "").trim();
        List<String> warnings = new ArrayList<>();
        try (Connection connection = database.open()) {
            Matcher index = CREATE_INDEX.matcher(sql);
            if (index.find() && index.group(1) == null && exists(connection, index.group(2))) {
                warnings.add("CREATE INDEX without CONCURRENTLY blocks writes to " + index.group(2) + " while it builds;"
                        + " use CREATE INDEX CONCURRENTLY (outside a transaction)");
            }
            Matcher alter = ALTER_TABLE.matcher(sql);
            if (alter.find() && exists(connection, alter.group(1))) {
                for (String action : actions(alter.group(2))) {
                    warning(connection, alter.group(1), action, warnings);
                }
            }
        }
        return warnings;
    }

    private void warning(Connection connection, String table, String action, List<String> warnings) throws SQLException {
        Matcher add = ADD_COLUMN.matcher(action);
        Matcher notNull = SET_NOT_NULL.matcher(action);
        Matcher type = SET_TYPE.matcher(action);
        if (FOREIGN_KEY.matcher(action).find()) {
            if (!NOT_VALID.matcher(action).find()) {
                warnings.add("ADD FOREIGN KEY on " + table + " checks every row while it locks both tables; add it NOT"
                        + " VALID, then ALTER TABLE " + table + " VALIDATE CONSTRAINT …");
            }
        } else if (add.find() && !add.group(1).equalsIgnoreCase("CONSTRAINT")) {
            String column = add.group(1);
            Matcher byDefault = DEFAULT.matcher(add.group(3));
            boolean serial = add.group(2).toLowerCase(Locale.ROOT).matches("(small|big)?serial[248]?");
            if (serial || byDefault.find() && volatileCall(connection, byDefault.group(1))) {
                warnings.add("ADD COLUMN " + column + " with a volatile default rewrites " + table + " under an exclusive"
                        + " lock; add it without the default, backfill in batches, then SET DEFAULT");
            }
        } else if (notNull.find() && !validatedNotNullCheck(connection, table, notNull.group(1))) {
            warnings.add("SET NOT NULL on " + table + "." + notNull.group(1) + " scans the table under an exclusive"
                    + " lock; first ADD CONSTRAINT … CHECK (" + notNull.group(1) + " IS NOT NULL) NOT VALID, VALIDATE"
                    + " it, then SET NOT NULL");
        } else if (type.find() && rewrites(connection, table, type.group(1), type.group(2), type.group(4) != null)) {
            warnings.add("changing the type of " + table + "." + type.group(1) + " to " + type.group(2).trim()
                    + " rewrites the table under an exclusive lock; add a new column, backfill it in batches, and switch"
                    + " over across releases (docs/playbook.md)");
        }
    }

    /** An ALTER TABLE's actions, split at the commas outside parentheses. */
    private static List<String> actions(String list) {
        List<String> actions = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int at = 0; at < list.length(); at++) {
            char c = list.charAt(at);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                actions.add(list.substring(start, at).trim());
                start = at + 1;
            }
        }
        actions.add(list.substring(start).trim());
        return actions;
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Whether the expression calls a function the server says is volatile. */
    private static boolean volatileCall(Connection connection, String expression) throws SQLException {
        List<String> names = new ArrayList<>();
        Matcher call = FUNCTION.matcher(expression);
        while (call.find()) {
            names.add(call.group(1).toLowerCase(Locale.ROOT));
        }
        if (names.isEmpty()) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM pg_proc WHERE provolatile = 'v' AND proname = ANY (?)")) {
            Array array = connection.createArrayOf("text", names.toArray());
            statement.setArray(1, array);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        }
    }

    /** PostgreSQL 12 and later skip the scan when a validated {@code CHECK (c IS NOT NULL)} proves it. */
    private static boolean validatedNotNullCheck(Connection connection, String table, String column) throws SQLException {
        Pattern proof = Pattern.compile("^CHECK \\(\\(\"?" + Pattern.quote(column.replace("\"", "")) + "\"? IS NOT NULL\\)\\)$",
                Pattern.CASE_INSENSITIVE);
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = to_regclass(?) AND contype = 'c' AND convalidated")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (proof.matcher(rows.getString(1)).matches()) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /**
     * No rewrite when the server says the old type converts to the new one without touching the data (a binary
     * coercible cast, such as {@code varchar} to {@code text}) or when only a length or precision limit grows.
     */
    private static boolean rewrites(Connection connection, String table, String column, String newType, boolean using)
            throws SQLException {
        if (using) {
            return true;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.atttypid = to_regtype(?),"
                + " format_type(a.atttypid, a.atttypmod), EXISTS (SELECT 1 FROM pg_cast c WHERE c.castsource = a.atttypid"
                + " AND c.casttarget = to_regtype(?) AND c.castmethod = 'b') FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped")) {
            String baseType = newType.replaceAll("\\(.*\\)", "").trim();
            statement.setString(1, baseType);
            statement.setString(2, baseType);
            statement.setString(3, table);
            statement.setString(4, column.replace("\"", ""));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return false; // a column driftguard cannot find: the guard reports it
                }
                if (row.getBoolean(1)) {
                    return !limitGrows(row.getString(2), newType);
                }
                return !row.getBoolean(3) || MODIFIER.matcher(newType).find();
            }
        }
    }

    /** {@code varchar(40)} to {@code varchar(80)} or to {@code varchar}; {@code numeric(8,2)} to {@code numeric(12,2)}. */
    private static boolean limitGrows(String oldType, String newType) {
        Matcher before = MODIFIER.matcher(oldType);
        Matcher after = MODIFIER.matcher(newType);
        if (!after.find()) {
            return true;
        }
        if (!before.find()) {
            return false;
        }
        return Integer.parseInt(after.group(1)) >= Integer.parseInt(before.group(1))
                && java.util.Objects.equals(after.group(2), before.group(2));
    }
}
