package dev.driftguard.registry;

import dev.driftguard.sql.Dialect;
import java.util.List;

/**
 * The registry's SQL for one kind of database: where its objects live, how they are created at each schema
 * version, and how usage is upserted so that many instances can write at once.
 */
enum RegistryDialect {

    POSTGRES("driftguard.", "now()", "now() + ? * INTERVAL '1 second'", List.of(
            List.of("CREATE SCHEMA IF NOT EXISTS driftguard",
                    "CREATE TABLE IF NOT EXISTS driftguard.registry_meta (meta_key VARCHAR(64) PRIMARY KEY, meta_value VARCHAR(255) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS driftguard.instance (instance_id VARCHAR(200) NOT NULL, app VARCHAR(200) NOT NULL,"
                            + " version VARCHAR(200) NOT NULL, host VARCHAR(255), pid BIGINT,"
                            + " started_at TIMESTAMP WITH TIME ZONE NOT NULL, last_heartbeat TIMESTAMP WITH TIME ZONE NOT NULL,"
                            + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL, stopped_at TIMESTAMP WITH TIME ZONE,"
                            + " PRIMARY KEY (instance_id, app, version))",
                    "CREATE INDEX IF NOT EXISTS instance_live ON driftguard.instance (app, version, expires_at)",
                    "CREATE TABLE IF NOT EXISTS driftguard.column_usage (app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL,"
                            + " table_catalog VARCHAR(128) NOT NULL, table_schema VARCHAR(128) NOT NULL, table_name VARCHAR(128) NOT NULL,"
                            + " column_name VARCHAR(128) NOT NULL, access VARCHAR(5) NOT NULL,"
                            + " first_seen TIMESTAMP WITH TIME ZONE NOT NULL, last_seen TIMESTAMP WITH TIME ZONE NOT NULL,"
                            + " use_count BIGINT NOT NULL,"
                            + " PRIMARY KEY (app, version, table_catalog, table_schema, table_name, column_name, access))",
                    "CREATE INDEX IF NOT EXISTS column_usage_target ON driftguard.column_usage (table_schema, table_name, column_name)",
                    "CREATE OR REPLACE VIEW driftguard.live_usage AS " + liveUsage("driftguard.", false)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard.override_log (id BIGSERIAL PRIMARY KEY,"
                            + " at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), app VARCHAR(200), version VARCHAR(200),"
                            + " instance_id VARCHAR(200), db_user VARCHAR(200), statement TEXT NOT NULL, reason TEXT NOT NULL)",
                    "CREATE OR REPLACE VIEW driftguard.live_usage_by_database AS " + liveUsage("driftguard.", true)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard.drift_incident (id BIGSERIAL PRIMARY KEY,"
                    + " at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), app VARCHAR(200) NOT NULL,"
                    + " version VARCHAR(200) NOT NULL, instance_id VARCHAR(200), table_catalog VARCHAR(128) NOT NULL,"
                    + " table_schema VARCHAR(128) NOT NULL, table_name VARCHAR(128) NOT NULL, column_name VARCHAR(128),"
                    + " kind VARCHAR(20) NOT NULL)"),
            List.of("ALTER TABLE driftguard.instance ADD COLUMN IF NOT EXISTS statement_shapes BIGINT")),
            "INSERT INTO driftguard.column_usage (app, version, table_catalog, table_schema, table_name, column_name, access,"
                    + " first_seen, last_seen, use_count) VALUES (?, ?, ?, ?, ?, ?, ?, now(), now(), ?)"
                    + " ON CONFLICT (app, version, table_catalog, table_schema, table_name, column_name, access)"
                    + " DO UPDATE SET last_seen = now(), use_count = driftguard.column_usage.use_count + EXCLUDED.use_count"),

    MYSQL("driftguard_", "NOW(3)", "NOW(3) + INTERVAL ? SECOND", List.of(
            List.of("CREATE TABLE IF NOT EXISTS driftguard_registry_meta (meta_key VARCHAR(64) PRIMARY KEY, meta_value VARCHAR(255) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS driftguard_instance (instance_id VARCHAR(200) NOT NULL, app VARCHAR(200) NOT NULL,"
                            + " version VARCHAR(200) NOT NULL, host VARCHAR(255), pid BIGINT, started_at DATETIME(3) NOT NULL,"
                            + " last_heartbeat DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL, stopped_at DATETIME(3) NULL,"
                            + " PRIMARY KEY (instance_id, app, version), KEY driftguard_instance_live (app, version, expires_at))",
                    "CREATE TABLE IF NOT EXISTS driftguard_column_usage (app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL,"
                            + " table_catalog VARCHAR(64) NOT NULL, table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
                            + " column_name VARCHAR(64) NOT NULL, access VARCHAR(5) NOT NULL, first_seen DATETIME(3) NOT NULL,"
                            + " last_seen DATETIME(3) NOT NULL, use_count BIGINT NOT NULL,"
                            + " PRIMARY KEY (app, version, table_catalog, table_schema, table_name, column_name, access),"
                            + " KEY driftguard_column_usage_target (table_schema, table_name, column_name))",
                    "CREATE OR REPLACE VIEW driftguard_live_usage AS " + liveUsage("driftguard_", false)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard_override_log (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                            + " at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), app VARCHAR(200), version VARCHAR(200),"
                            + " instance_id VARCHAR(200), db_user VARCHAR(200), statement TEXT NOT NULL, reason TEXT NOT NULL)",
                    "CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS " + liveUsage("driftguard_", true)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard_drift_incident (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), app VARCHAR(200) NOT NULL,"
                    + " version VARCHAR(200) NOT NULL, instance_id VARCHAR(200), table_catalog VARCHAR(64) NOT NULL,"
                    + " table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL, column_name VARCHAR(64),"
                    + " kind VARCHAR(20) NOT NULL)"),
            List.of("ALTER TABLE driftguard_instance ADD COLUMN IF NOT EXISTS statement_shapes BIGINT")),
            "INSERT INTO driftguard_column_usage (app, version, table_catalog, table_schema, table_name, column_name, access,"
                    + " first_seen, last_seen, use_count) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(3), NOW(3), ?)"
                    + " ON DUPLICATE KEY UPDATE last_seen = NOW(3), use_count = use_count + VALUES(use_count)"),

    H2("DRIFTGUARD.", "CURRENT_TIMESTAMP", "DATEADD(SECOND, ?, CURRENT_TIMESTAMP)", List.of(
            List.of("CREATE SCHEMA IF NOT EXISTS DRIFTGUARD",
                    "CREATE TABLE IF NOT EXISTS DRIFTGUARD.REGISTRY_META (META_KEY VARCHAR(64) PRIMARY KEY, META_VALUE VARCHAR(255) NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS DRIFTGUARD.INSTANCE (INSTANCE_ID VARCHAR(200) NOT NULL, APP VARCHAR(200) NOT NULL,"
                            + " VERSION VARCHAR(200) NOT NULL, HOST VARCHAR(255), PID BIGINT,"
                            + " STARTED_AT TIMESTAMP WITH TIME ZONE NOT NULL, LAST_HEARTBEAT TIMESTAMP WITH TIME ZONE NOT NULL,"
                            + " EXPIRES_AT TIMESTAMP WITH TIME ZONE NOT NULL, STOPPED_AT TIMESTAMP WITH TIME ZONE,"
                            + " PRIMARY KEY (INSTANCE_ID, APP, VERSION))",
                    "CREATE INDEX IF NOT EXISTS DRIFTGUARD.INSTANCE_LIVE ON DRIFTGUARD.INSTANCE (APP, VERSION, EXPIRES_AT)",
                    "CREATE TABLE IF NOT EXISTS DRIFTGUARD.COLUMN_USAGE (APP VARCHAR(200) NOT NULL, VERSION VARCHAR(200) NOT NULL,"
                            + " TABLE_CATALOG VARCHAR(128) NOT NULL, TABLE_SCHEMA VARCHAR(128) NOT NULL, TABLE_NAME VARCHAR(128) NOT NULL,"
                            + " COLUMN_NAME VARCHAR(128) NOT NULL, ACCESS VARCHAR(5) NOT NULL,"
                            + " FIRST_SEEN TIMESTAMP WITH TIME ZONE NOT NULL, LAST_SEEN TIMESTAMP WITH TIME ZONE NOT NULL,"
                            + " USE_COUNT BIGINT NOT NULL,"
                            + " PRIMARY KEY (APP, VERSION, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ACCESS))",
                    "CREATE INDEX IF NOT EXISTS DRIFTGUARD.COLUMN_USAGE_TARGET ON DRIFTGUARD.COLUMN_USAGE (TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME)",
                    "CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE AS " + liveUsage("DRIFTGUARD.", false)),
            List.of("CREATE TABLE IF NOT EXISTS DRIFTGUARD.OVERRIDE_LOG (ID BIGINT AUTO_INCREMENT PRIMARY KEY,"
                            + " AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, APP VARCHAR(200), VERSION VARCHAR(200),"
                            + " INSTANCE_ID VARCHAR(200), DB_USER VARCHAR(200), STATEMENT CLOB NOT NULL, REASON CLOB NOT NULL)",
                    "CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE_BY_DATABASE AS " + liveUsage("DRIFTGUARD.", true)),
            List.of("CREATE TABLE IF NOT EXISTS DRIFTGUARD.DRIFT_INCIDENT (ID BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, APP VARCHAR(200) NOT NULL,"
                    + " VERSION VARCHAR(200) NOT NULL, INSTANCE_ID VARCHAR(200), TABLE_CATALOG VARCHAR(128) NOT NULL,"
                    + " TABLE_SCHEMA VARCHAR(128) NOT NULL, TABLE_NAME VARCHAR(128) NOT NULL, COLUMN_NAME VARCHAR(128),"
                    + " KIND VARCHAR(20) NOT NULL)"),
            List.of("ALTER TABLE DRIFTGUARD.INSTANCE ADD COLUMN IF NOT EXISTS STATEMENT_SHAPES BIGINT")),
            "MERGE INTO DRIFTGUARD.COLUMN_USAGE u USING (VALUES (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
                    + " CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS BIGINT)))"
                    + " s(APP, VERSION, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ACCESS, USE_COUNT)"
                    + " ON u.APP = s.APP AND u.VERSION = s.VERSION AND u.TABLE_CATALOG = s.TABLE_CATALOG"
                    + " AND u.TABLE_SCHEMA = s.TABLE_SCHEMA AND u.TABLE_NAME = s.TABLE_NAME AND u.COLUMN_NAME = s.COLUMN_NAME"
                    + " AND u.ACCESS = s.ACCESS"
                    + " WHEN MATCHED THEN UPDATE SET LAST_SEEN = CURRENT_TIMESTAMP, USE_COUNT = u.USE_COUNT + s.USE_COUNT"
                    + " WHEN NOT MATCHED THEN INSERT (APP, VERSION, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ACCESS,"
                    + " FIRST_SEEN, LAST_SEEN, USE_COUNT) VALUES (s.APP, s.VERSION, s.TABLE_CATALOG, s.TABLE_SCHEMA, s.TABLE_NAME,"
                    + " s.COLUMN_NAME, s.ACCESS, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, s.USE_COUNT)");

    /** The schema version this driftguard writes; older registries are upgraded to it. */
    static final int CURRENT_VERSION = 4;
    /** The schema version that added {@code instance.statement_shapes}. */
    static final int STATEMENT_SHAPES_SINCE = 4;

    private final String prefix;
    private final String now;
    private final String nowPlusSeconds;
    private final List<List<String>> migrations;
    private final String upsertUsage;

    RegistryDialect(String prefix, String now, String nowPlusSeconds, List<List<String>> migrations, String upsertUsage) {
        this.prefix = prefix;
        this.now = now;
        this.nowPlusSeconds = nowPlusSeconds;
        this.migrations = migrations;
        this.upsertUsage = upsertUsage;
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

    /** The statements that take the registry from {@code version - 1} to {@code version}. */
    List<String> migration(int version) {
        return migrations.get(version - 1);
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

    String upsertUsage() {
        return upsertUsage;
    }

    /** One row per (app, version, table, column, access) of every version with at least one live instance. */
    private static String liveUsage(String prefix, boolean withDatabase) {
        return "SELECT " + (withDatabase ? "u.table_catalog, " : "") + "u.app, u.version, u.table_schema, u.table_name,"
                + " u.column_name, u.access, l.live_instances, u.last_seen FROM " + prefix + "column_usage u JOIN"
                + " (SELECT app, version, COUNT(*) AS live_instances FROM " + prefix + "instance"
                + " WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l"
                + " ON l.app = u.app AND l.version = u.version";
    }
}
