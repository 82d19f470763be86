package dev.driftguard.sql;

import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;

/** How a database spells and folds identifiers and which of its schemas belong to the system. */
public enum Dialect {
    POSTGRES("public", Set.of("pg_catalog", "information_schema", "pg_toast", "driftguard")),
    MYSQL(null, Set.of("mysql", "information_schema", "performance_schema", "sys")),
    H2("PUBLIC", Set.of("INFORMATION_SCHEMA", "DRIFTGUARD")),
    GENERIC(null, Set.of("information_schema", "INFORMATION_SCHEMA"));

    private final String defaultSchema;
    private final Set<String> systemSchemas;

    Dialect(String defaultSchema, Set<String> systemSchemas) {
        this.defaultSchema = defaultSchema;
        this.systemSchemas = systemSchemas;
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
            return raw.substring(1, raw.length() - 1);
        }
        switch (this) {
            case POSTGRES:
                return raw.toLowerCase(Locale.ROOT);
            case H2:
                return raw.toUpperCase(Locale.ROOT);
            default:
                return raw;
        }
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
