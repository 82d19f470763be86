package dev.driftguard.internal.sql;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/** How a database spells and folds identifiers and which of its schemas belong to the system. */
public enum Dialect {
    POSTGRES("public", Set.of("pg_catalog", "information_schema", "pg_toast", "driftguard"), new PostgresLexer(true, null)),
    MYSQL(null, Set.of("mysql", "information_schema", "performance_schema", "sys"), new MySqlLexer(true, false, null)),
    H2("PUBLIC", Set.of("INFORMATION_SCHEMA", "DRIFTGUARD"), new H2Lexer(null)),
    GENERIC(null, Set.of("information_schema", "INFORMATION_SCHEMA"), new GenericLexer(null));

    /** PostgreSQL keeps the first NAMEDATALEN - 1 bytes of a longer name. */
    private static final int POSTGRES_NAME_BYTES = 63;

    private final String defaultSchema;
    private final Set<String> systemSchemas;
    private final Lexer lexer;

    Dialect(String defaultSchema, Set<String> systemSchemas, Lexer lexer) {
        this.defaultSchema = defaultSchema;
        this.systemSchemas = systemSchemas;
        this.lexer = lexer;
    }

    /**
     * The lexer for the server's default settings: PostgreSQL with {@code standard_conforming_strings} on, MariaDB
     * and MySQL without {@code ANSI_QUOTES} or {@code NO_BACKSLASH_ESCAPES}.
     */
    public Lexer lexer() {
        return lexer;
    }

    /** The dialect of a JDBC URL ({@code jdbc:postgresql:…}); GENERIC for databases driftguard does not know. */
    public static Dialect ofUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:pgsql:")) {
            return POSTGRES;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        return GENERIC;
    }

    /** The dialect named on the command line: postgres, mysql, h2 or generic. */
    public static Dialect ofName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Schema of unqualified tables when no catalog says otherwise; null where it depends on the connection. */
    public String defaultSchema() {
        return defaultSchema;
    }

    /** An identifier as the catalog spells it: quotes removed, unquoted names folded as the database folds them. */
    public String identifier(String raw) {
        if (raw == null || raw.isEmpty()) {
            return raw;
        }
        char first = raw.charAt(0);
        if ((first == '"' || first == '`' || first == '[') && raw.length() >= 2) {
            return truncated(raw.substring(1, raw.length() - 1));
        }
        switch (this) {
            case POSTGRES:
                return truncated(raw.toLowerCase(Locale.ROOT));
            case H2:
                return raw.toUpperCase(Locale.ROOT);
            default:
                return raw;
        }
    }

    /** A name as the database stores it: PostgreSQL truncates names longer than 63 bytes, as it does itself. */
    public String truncated(String name) {
        if (this != POSTGRES || name.length() * 3 <= POSTGRES_NAME_BYTES
                || name.getBytes(StandardCharsets.UTF_8).length <= POSTGRES_NAME_BYTES) {
            return name;
        }
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int codePoint = name.codePointAt(end);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > POSTGRES_NAME_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return name.substring(0, end);
    }

    /** Whether tables in {@code schema} named {@code table} are the database's own or driftguard's registry. */
    public boolean isSystem(String schema, String table) {
        if (schema != null && (systemSchemas.contains(schema) || systemSchemas.contains(schema.toLowerCase(Locale.ROOT)))) {
            return true;
        }
        String lower = table.toLowerCase(Locale.ROOT);
        switch (this) {
            case POSTGRES:
                // pg_catalog is searched before the search path, so an unqualified pg_* name is the catalog's
                return schema == null && lower.startsWith("pg_");
            case MYSQL:
                return lower.startsWith("driftguard_") || lower.equals("dual");
            case H2:
                return lower.equals("dual");
            default:
                return lower.equals("dual");
        }
    }

    /** A JSqlParser parser set up for this dialect's lexical rules. */
    CCJSqlParser parser(String sql) {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
        if (parser == null) {
            return null;
        }
        parser.withAllowComplexParsing(true);
        switch (this) {
            case POSTGRES:
                return parser.withDialect(AbstractJSqlParser.Dialect.POSTGRESQL).withDollarQuotedStringTags(true);
            case MYSQL:
                return parser.withDialect(AbstractJSqlParser.Dialect.MYSQL).withBackslashEscapeCharacter(true)
                        .withHashLineComments(true);
            case H2:
                return parser.withDialect(AbstractJSqlParser.Dialect.H2);
            default:
                return parser;
        }
    }
}
