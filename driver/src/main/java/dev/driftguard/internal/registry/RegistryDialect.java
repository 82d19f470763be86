package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The registry's SQL for one kind of database: where its objects live, the statements of each schema version
 * (SQL files per dialect beside this class, {@code postgres/schema-6.sql}), and how usage is upserted so that many
 * instances can write at once.
 */
enum RegistryDialect {

    POSTGRES("driftguard.", "now()", "now() + ? * INTERVAL '1 second'"),
    MYSQL("driftguard_", "NOW(3)", "NOW(3) + INTERVAL ? SECOND"),
    H2("DRIFTGUARD.", "CURRENT_TIMESTAMP", "DATEADD(SECOND, ?, CURRENT_TIMESTAMP)");

    /** What identifies one row of usage; a nested class, so that the constants above may name it. */
    static final class Key {
        /** The columns before schema version 6 added {@code via}. */
        static final String COLUMNS = "app, version, table_catalog, table_schema, table_name, column_name, access";
        /** How many characters of the object a use is reached through the registry keeps ({@link UsageKey#stored}). */
        static final int VIA_LIMIT = 1_000;
        /** The hex digits of via's hash that stand for it in the key ({@link UsageKey#viaKey}). */
        static final int VIA_KEY_LENGTH = 32;
        /** PostgreSQL's name for the schema-6 usage routine, with its signature. */
        static final String ADD_USE = "driftguard.add_use(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,"
                + " VARCHAR, VARCHAR, BIGINT)";
    }

    /** The schema version this driftguard writes; older registries are upgraded to it. */
    static final int CURRENT_VERSION = 7;
    /** The schema version that added {@code declared_usage} and the {@code source} of the live views. */
    static final int DECLARED_SINCE = 7;
    /** The schema version that added {@code column_usage.via} (and {@code add_use}). */
    static final int VIA_SINCE = 6;

    /** The schema version that added the routines an application role calls (PostgreSQL, MariaDB). */
    static final int ROUTINES_SINCE = 5;
    /** The longest TTL the registry grants, whatever an instance asks for. */
    static final int MAX_TTL_SECONDS = 3_600;
    /** The schema version that added {@code instance.statement_shapes}. */
    static final int STATEMENT_SHAPES_SINCE = 4;

    private final String prefix;
    private final String now;
    private final String nowPlusSeconds;

    RegistryDialect(String prefix, String now, String nowPlusSeconds) {
        this.prefix = prefix;
        this.now = now;
        this.nowPlusSeconds = nowPlusSeconds;
    }

    /** The registry dialect for a JDBC URL; null for databases the registry cannot live in. */
    static RegistryDialect of(Dialect dialect) {
        switch (dialect) {
            case POSTGRES:
                return POSTGRES;
            case MYSQL:
                return MYSQL;
            case H2:
                return H2;
            default:
                return null;
        }
    }

    /** A registry object's qualified name: {@code driftguard.instance}, {@code driftguard_instance}. */
    String name(String object) {
        return this == H2 ? prefix + object.toUpperCase(java.util.Locale.ROOT) : prefix + object;
    }

    /**
     * The statements that take the registry from {@code version - 1} to {@code version}: {@code
     * <dialect>/schema-<version>.sql} beside this class.
     */
    List<String> migration(int version) throws SQLException {
        return script("schema-" + version + ".sql");
    }

    /**
     * The statements of one of this dialect's SQL files ({@code postgres/trigger.sql}): separated by lines {@code --
     * ;;}, whole-line comments dropped, the limits this class names filled in for {@code ${via_limit}},
     * {@code ${via_key_length}} and {@code ${max_ttl_seconds}}.
     */
    List<String> script(String file) throws SQLException {
        String resource = name().toLowerCase(Locale.ROOT) + "/" + file;
        String text;
        try (InputStream in = RegistryDialect.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SQLException("driftguard's registry script " + resource + " is missing from its jar", "58000");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("driftguard's registry script " + resource + " cannot be read", "58000", e);
        }
        text = text.replace("${via_limit}", Integer.toString(Key.VIA_LIMIT))
                .replace("${via_key_length}", Integer.toString(Key.VIA_KEY_LENGTH))
                .replace("${max_ttl_seconds}", Integer.toString(MAX_TTL_SECONDS));
        List<String> statements = new ArrayList<>();
        for (String part : text.split("\n-- ;;\n")) {
            String statement = part.replaceAll("(?m)^--.*$", "").trim();
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    /** The database's clock. */
    String now() {
        return now;
    }

    /** The database's clock plus a number of seconds given as the one parameter. */
    String nowPlusSeconds() {
        return nowPlusSeconds;
    }

    /**
     * {@code given} plus the vendor driver's own bounds on connecting and on each socket read, where the caller set
     * none: without them a host that accepts connections and never answers holds a connect forever.
     */
    java.util.Properties bounded(java.util.Properties given, int seconds) {
        java.util.Properties bounded = new java.util.Properties();
        bounded.putAll(given);
        String millis = Integer.toString(seconds * 1_000);
        switch (this) {
            case POSTGRES: // pgjdbc: seconds
                bounded.putIfAbsent("connectTimeout", Integer.toString(seconds));
                bounded.putIfAbsent("loginTimeout", Integer.toString(seconds));
                bounded.putIfAbsent("socketTimeout", Integer.toString(seconds * 2));
                break;
            case MYSQL: // MariaDB Connector/J and MySQL Connector/J: milliseconds
                bounded.putIfAbsent("connectTimeout", millis);
                bounded.putIfAbsent("socketTimeout", Integer.toString(seconds * 2_000));
                break;
            default: // H2 connects in-process or to its own TCP server, which answers or refuses
                break;
        }
        return bounded;
    }

    /** PostgreSQL and MariaDB have routines that run with their owner's rights; H2 has not. */
    boolean hasRoutines() {
        return this != H2;
    }

    /**
     * The statement that calls registry routine {@code routine} with {@code parameters} parameters; functions
     * answer one integer, procedures nothing (MariaDB's answer theirs as a result).
     */
    String call(String routine, int parameters) {
        String arguments = String.join(", ", java.util.Collections.nCopies(parameters, "?"));
        boolean answers = routine.equals("register") || routine.equals("beat") || routine.equals("stop_instance");
        return (this == POSTGRES && answers ? "SELECT " : "CALL ") + name(routine) + "(" + arguments + ")";
    }

    /**
     * What an application role needs, and no more: read the registry, call its routines. Write rights it may
     * have from an older setup are taken back. {@code role} as the user gave it, {@code database} for MariaDB.
     */
    List<String> appRoleGrants(String role, String database) {
        List<String> tables = List.of("registry_meta", "instance", "column_usage", "override_log", "drift_incident",
                "declared_usage", "live_usage", "live_usage_by_database");
        List<String> grants = new java.util.ArrayList<>();
        if (this == POSTGRES) {
            String grantee = "\"" + role.replace("\"", "\"\"") + "\"";
            grants.add("GRANT USAGE ON SCHEMA driftguard TO " + grantee);
            grants.add("REVOKE ALL ON ALL TABLES IN SCHEMA driftguard FROM " + grantee);
            grants.add("REVOKE ALL ON ALL SEQUENCES IN SCHEMA driftguard FROM " + grantee);
            grants.add("GRANT SELECT ON " + String.join(", ", tables.stream().map(this::name).toArray(String[]::new))
                    + " TO " + grantee);
            grants.add("GRANT EXECUTE ON FUNCTION driftguard.register(VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR,"
                    + " BIGINT), driftguard.beat(VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, BIGINT),"
                    + " driftguard.stop_instance(VARCHAR, VARCHAR, VARCHAR, VARCHAR) TO " + grantee);
            grants.add("GRANT EXECUTE ON PROCEDURE driftguard.add_usage(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,"
                    + " VARCHAR, VARCHAR, BIGINT), " + Key.ADD_USE + ", driftguard.add_incident(VARCHAR, VARCHAR, VARCHAR, VARCHAR,"
                    + " VARCHAR, VARCHAR, VARCHAR, VARCHAR), driftguard.add_override(VARCHAR, VARCHAR, VARCHAR, TEXT, TEXT)"
                    + " TO " + grantee);
        } else if (this == MYSQL) {
            String grantee = mysqlAccount(role);
            String db = "`" + database.replace("`", "``") + "`.";
            for (String table : tables) {
                grants.add("REVOKE ALL PRIVILEGES ON " + db + name(table) + " FROM " + grantee);
                grants.add("GRANT SELECT ON " + db + name(table) + " TO " + grantee);
            }
            for (String routine : List.of("register", "beat", "stop_instance", "add_usage", "add_use", "add_incident",
                    "add_override")) {
                grants.add("GRANT EXECUTE ON PROCEDURE " + db + name(routine) + " TO " + grantee);
            }
        }
        return grants;
    }

    /**
     * The accounts that may call the schema-5 {@code add_usage}, as {@link #appRoleGrants} takes them: what
     * schema 6 grants {@code add_use} to, so that an upgrade keeps every application role publishing.
     */
    String usageCallers() {
        return this == POSTGRES ? "SELECT DISTINCT grantee FROM information_schema.routine_privileges"
                + " WHERE routine_schema = 'driftguard' AND routine_name = 'add_usage' AND privilege_type = 'EXECUTE'"
                + " AND grantee <> current_user"
                // MariaDB: a role's grants have an empty host
                : "SELECT CASE WHEN Host = '' THEN User ELSE CONCAT(User, '@', Host) END FROM mysql.procs_priv"
                + " WHERE Db = DATABASE() AND Routine_name = 'driftguard_add_usage' AND Routine_type = 'PROCEDURE'";
    }

    /** Lets {@code account} (as {@link #usageCallers} names it) call {@code add_use}. */
    String grantAddUse(String account) {
        return this == POSTGRES ? "GRANT EXECUTE ON PROCEDURE " + Key.ADD_USE + " TO \""
                + account.replace("\"", "\"\"") + "\""
                : "GRANT EXECUTE ON PROCEDURE " + name("add_use") + " TO " + mysqlAccount(account);
    }

    /** {@code app} as {@code 'app'} (a role, or the user at any host), {@code app@10.%} as {@code 'app'@'10.%'}. */
    private static String mysqlAccount(String role) {
        int at = role.lastIndexOf('@');
        String user = at < 0 ? role : role.substring(0, at);
        return at < 0 ? quoted(user) : quoted(user) + "@" + quoted(role.substring(at + 1));
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * The statement that adds one use count, binding app, version, catalog, schema, table, column, access, then
     * via and its key when {@code via} (schema version 6 on), then the count: a plain upsert, for registries
     * without routines.
     */
    String upsertUsage(boolean via) {
        String key = Key.COLUMNS + (via ? ", via, via_key" : "");
        int keys = key.split(", ").length;
        String values = String.join(", ", java.util.Collections.nCopies(keys, "?"));
        switch (this) {
            case POSTGRES:
                return "INSERT INTO driftguard.column_usage (" + key + ", first_seen, last_seen, use_count) VALUES ("
                        + values + ", now(), now(), ?) ON CONFLICT (" + Key.COLUMNS + (via ? ", via_key" : "")
                        + ") DO UPDATE SET last_seen = now(),"
                        + " use_count = driftguard.column_usage.use_count + EXCLUDED.use_count";
            case MYSQL:
                return "INSERT INTO driftguard_column_usage (" + key + ", first_seen, last_seen, use_count) VALUES ("
                        + values + ", NOW(3), NOW(3), ?)"
                        + " ON DUPLICATE KEY UPDATE last_seen = NOW(3), use_count = use_count + VALUES(use_count)";
            default:
                String names = key.toUpperCase(java.util.Locale.ROOT);
                StringBuilder on = new StringBuilder();
                for (String column : names.split(", ")) {
                    on.append(on.length() == 0 ? "" : " AND ").append("u.").append(column).append(" = s.").append(column);
                }
                return "MERGE INTO DRIFTGUARD.COLUMN_USAGE u USING (VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(keys, "CAST(? AS VARCHAR)"))
                        + ", CAST(? AS BIGINT))) s(" + names + ", USE_COUNT) ON " + on
                        + " WHEN MATCHED THEN UPDATE SET LAST_SEEN = CURRENT_TIMESTAMP, USE_COUNT = u.USE_COUNT + s.USE_COUNT"
                        + " WHEN NOT MATCHED THEN INSERT (" + names + ", FIRST_SEEN, LAST_SEEN, USE_COUNT) VALUES (s."
                        + names.replace(", ", ", s.") + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, s.USE_COUNT)";
        }
    }
}
