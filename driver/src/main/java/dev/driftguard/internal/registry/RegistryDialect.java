package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Dialect;
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
                    "CREATE OR REPLACE VIEW driftguard.live_usage AS " + liveUsage("driftguard.", false, false)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard.override_log (id BIGSERIAL PRIMARY KEY,"
                            + " at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), app VARCHAR(200), version VARCHAR(200),"
                            + " instance_id VARCHAR(200), db_user VARCHAR(200), statement TEXT NOT NULL, reason TEXT NOT NULL)",
                    "CREATE OR REPLACE VIEW driftguard.live_usage_by_database AS " + liveUsage("driftguard.", true, false)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard.drift_incident (id BIGSERIAL PRIMARY KEY,"
                    + " at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), app VARCHAR(200) NOT NULL,"
                    + " version VARCHAR(200) NOT NULL, instance_id VARCHAR(200), table_catalog VARCHAR(128) NOT NULL,"
                    + " table_schema VARCHAR(128) NOT NULL, table_name VARCHAR(128) NOT NULL, column_name VARCHAR(128),"
                    + " kind VARCHAR(20) NOT NULL)"),
            List.of("ALTER TABLE driftguard.instance ADD COLUMN IF NOT EXISTS statement_shapes BIGINT"),
            List.of("ALTER TABLE driftguard.instance ADD COLUMN IF NOT EXISTS token_hash VARCHAR(64)",
                    // Routines owned by the registry's owner: an application role that may only call them and read
                    // can say its own instance is alive and add usage, never hide another instance or erase usage.
                    "CREATE OR REPLACE FUNCTION driftguard.register(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR,"
                            + " p_token VARCHAR, p_ttl INTEGER, p_host VARCHAR, p_pid BIGINT) RETURNS INTEGER LANGUAGE plpgsql"
                            + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
                            + " DECLARE v_hash VARCHAR := encode(sha256(convert_to(p_token, 'UTF8')), 'hex'); v_row RECORD;"
                            + " BEGIN"
                            + " SELECT token_hash, stopped_at IS NULL AND expires_at > now() AS live INTO v_row"
                            + " FROM driftguard.instance WHERE instance_id = p_instance AND app = p_app AND version = p_version"
                            + " FOR UPDATE;"
                            + " IF FOUND AND v_row.live AND v_row.token_hash IS DISTINCT FROM v_hash THEN RETURN 0; END IF;"
                            + " INSERT INTO driftguard.instance (instance_id, app, version, host, pid, started_at, last_heartbeat,"
                            + " expires_at, token_hash) VALUES (p_instance, p_app, p_version, p_host, p_pid, now(), now(),"
                            + " now() + " + Ttl.PG + ", v_hash)"
                            + " ON CONFLICT (instance_id, app, version) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid,"
                            + " started_at = now(), last_heartbeat = now(), expires_at = EXCLUDED.expires_at, stopped_at = NULL,"
                            + " token_hash = v_hash;"
                            + " RETURN 1; END $$",
                    "CREATE OR REPLACE FUNCTION driftguard.beat(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR,"
                            + " p_token VARCHAR, p_ttl INTEGER, p_shapes BIGINT) RETURNS INTEGER LANGUAGE plpgsql"
                            + " SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
                            + " DECLARE v_stopped BOOLEAN;"
                            + " BEGIN"
                            + " SELECT stopped_at IS NOT NULL INTO v_stopped FROM driftguard.instance"
                            + " WHERE instance_id = p_instance AND app = p_app AND version = p_version"
                            + " AND token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex') FOR UPDATE;"
                            + " IF NOT FOUND THEN RETURN 0; END IF;"
                            + " UPDATE driftguard.instance SET last_heartbeat = now(), expires_at = now() + " + Ttl.PG + ","
                            + " stopped_at = NULL, statement_shapes = COALESCE(p_shapes, statement_shapes)"
                            + " WHERE instance_id = p_instance AND app = p_app AND version = p_version;"
                            + " RETURN CASE WHEN v_stopped THEN 2 ELSE 1 END; END $$",
                    "CREATE OR REPLACE FUNCTION driftguard.stop_instance(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR,"
                            + " p_token VARCHAR) RETURNS INTEGER LANGUAGE sql SECURITY DEFINER"
                            + " SET search_path = pg_catalog, pg_temp AS $$"
                            + " WITH s AS (UPDATE driftguard.instance SET stopped_at = now() WHERE instance_id = p_instance"
                            + " AND app = p_app AND version = p_version"
                            + " AND token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex') RETURNING 1)"
                            + " SELECT count(*)::INTEGER FROM s $$",
                    "CREATE OR REPLACE PROCEDURE driftguard.add_usage(p_app VARCHAR, p_version VARCHAR, p_catalog VARCHAR,"
                            + " p_schema VARCHAR, p_table VARCHAR, p_column VARCHAR, p_access VARCHAR, p_count BIGINT)"
                            + " LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
                            + " INSERT INTO driftguard.column_usage (app, version, table_catalog, table_schema, table_name,"
                            + " column_name, access, first_seen, last_seen, use_count) VALUES (p_app, p_version, p_catalog,"
                            + " p_schema, p_table, p_column, p_access, now(), now(), GREATEST(p_count, 0))"
                            + " ON CONFLICT (app, version, table_catalog, table_schema, table_name, column_name, access)"
                            + " DO UPDATE SET last_seen = now(),"
                            + " use_count = driftguard.column_usage.use_count + EXCLUDED.use_count $$",
                    "CREATE OR REPLACE PROCEDURE driftguard.add_incident(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR,"
                            + " p_catalog VARCHAR, p_schema VARCHAR, p_table VARCHAR, p_column VARCHAR, p_kind VARCHAR)"
                            + " LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
                            + " INSERT INTO driftguard.drift_incident (instance_id, app, version, table_catalog, table_schema,"
                            + " table_name, column_name, kind) VALUES (p_instance, p_app, p_version, p_catalog, p_schema,"
                            + " p_table, p_column, p_kind) $$",
                    "CREATE OR REPLACE PROCEDURE driftguard.add_override(p_app VARCHAR, p_version VARCHAR,"
                            + " p_instance VARCHAR, p_statement TEXT, p_reason TEXT)"
                            + " LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
                            // session_user: who logged in, which a definer's routine cannot be told otherwise
                            + " INSERT INTO driftguard.override_log (app, version, instance_id, db_user, statement, reason)"
                            + " VALUES (p_app, p_version, p_instance, session_user, p_statement, p_reason) $$",
                    "REVOKE ALL ON FUNCTION driftguard.register(VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, BIGINT),"
                            + " driftguard.beat(VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, BIGINT),"
                            + " driftguard.stop_instance(VARCHAR, VARCHAR, VARCHAR, VARCHAR) FROM PUBLIC",
                    "REVOKE ALL ON PROCEDURE driftguard.add_usage(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,"
                            + " VARCHAR, BIGINT), driftguard.add_incident(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,"
                            + " VARCHAR, VARCHAR), driftguard.add_override(VARCHAR, VARCHAR, VARCHAR, TEXT, TEXT) FROM PUBLIC"),
            // 6: the object a use is reached through (via) is part of the key, as its hash; every statement can run twice
            List.of("ALTER TABLE driftguard.column_usage ADD COLUMN IF NOT EXISTS via VARCHAR(" + Key.VIA_LIMIT + ")"
                            + " NOT NULL DEFAULT ''",
                    "ALTER TABLE driftguard.column_usage ADD COLUMN IF NOT EXISTS via_key VARCHAR(" + Key.VIA_KEY_LENGTH
                            + ") NOT NULL DEFAULT ''",
                    "CREATE UNIQUE INDEX IF NOT EXISTS column_usage_key ON driftguard.column_usage (" + Key.COLUMNS
                            + ", via_key)",
                    "ALTER TABLE driftguard.column_usage DROP CONSTRAINT IF EXISTS column_usage_pkey",
                    "CREATE OR REPLACE VIEW driftguard.live_usage AS " + liveUsage("driftguard.", false, true),
                    "CREATE OR REPLACE VIEW driftguard.live_usage_by_database AS " + liveUsage("driftguard.", true, true),
                    "CREATE OR REPLACE PROCEDURE driftguard.add_use(p_app VARCHAR, p_version VARCHAR, p_catalog VARCHAR,"
                            + " p_schema VARCHAR, p_table VARCHAR, p_column VARCHAR, p_access VARCHAR, p_via VARCHAR,"
                            + " p_via_key VARCHAR, p_count BIGINT) LANGUAGE sql SECURITY DEFINER"
                            + " SET search_path = pg_catalog, pg_temp AS $$"
                            + " INSERT INTO driftguard.column_usage (" + Key.COLUMNS + ", via, via_key, first_seen, last_seen,"
                            + " use_count) VALUES (p_app, p_version, p_catalog, p_schema, p_table, p_column, p_access, p_via,"
                            + " p_via_key, now(), now(), GREATEST(p_count, 0)) ON CONFLICT (" + Key.COLUMNS + ", via_key)"
                            + " DO UPDATE SET last_seen = now(), use_count = driftguard.column_usage.use_count + EXCLUDED.use_count $$",
                    "REVOKE ALL ON PROCEDURE " + Key.ADD_USE + " FROM PUBLIC",
                    // the schema-5 routine stays, for instances of older driftguard versions that still call it
                    "CREATE OR REPLACE PROCEDURE driftguard.add_usage(p_app VARCHAR, p_version VARCHAR, p_catalog VARCHAR,"
                            + " p_schema VARCHAR, p_table VARCHAR, p_column VARCHAR, p_access VARCHAR, p_count BIGINT)"
                            + " LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
                            + " CALL driftguard.add_use(p_app, p_version, p_catalog, p_schema, p_table, p_column, p_access,"
                            + " '', '', p_count) $$"))),

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
                    "CREATE OR REPLACE VIEW driftguard_live_usage AS " + liveUsage("driftguard_", false, false)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard_override_log (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                            + " at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), app VARCHAR(200), version VARCHAR(200),"
                            + " instance_id VARCHAR(200), db_user VARCHAR(200), statement TEXT NOT NULL, reason TEXT NOT NULL)",
                    "CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS " + liveUsage("driftguard_", true, false)),
            List.of("CREATE TABLE IF NOT EXISTS driftguard_drift_incident (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), app VARCHAR(200) NOT NULL,"
                    + " version VARCHAR(200) NOT NULL, instance_id VARCHAR(200), table_catalog VARCHAR(64) NOT NULL,"
                    + " table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL, column_name VARCHAR(64),"
                    + " kind VARCHAR(20) NOT NULL)"),
            List.of("ALTER TABLE driftguard_instance ADD COLUMN IF NOT EXISTS statement_shapes BIGINT"),
            List.of("ALTER TABLE driftguard_instance ADD COLUMN IF NOT EXISTS token_hash VARCHAR(64)",
                    // SQL SECURITY DEFINER: run with the installer's rights, so that an application account that may
                    // only call them and read can say its own instance is alive and add usage, and nothing else.
                    "CREATE OR REPLACE PROCEDURE driftguard_register(p_instance VARCHAR(200), p_app VARCHAR(200),"
                            + " p_version VARCHAR(200), p_token VARCHAR(64), p_ttl INT, p_host VARCHAR(255), p_pid BIGINT)"
                            + " SQL SECURITY DEFINER BEGIN"
                            + " DECLARE v_hash VARCHAR(64) DEFAULT SHA2(p_token, 256);"
                            + " DECLARE v_held INT DEFAULT 0;"
                            + " SELECT COUNT(*) INTO v_held FROM driftguard_instance WHERE instance_id = p_instance"
                            + " AND app = p_app AND version = p_version AND stopped_at IS NULL AND expires_at > NOW(3)"
                            + " AND NOT (token_hash <=> v_hash) FOR UPDATE;"
                            + " IF v_held > 0 THEN SELECT 0 AS registered; ELSE"
                            + " INSERT INTO driftguard_instance (instance_id, app, version, host, pid, started_at, last_heartbeat,"
                            + " expires_at, token_hash) VALUES (p_instance, p_app, p_version, p_host, p_pid, NOW(3), NOW(3),"
                            + " NOW(3) + " + Ttl.MY + ", v_hash) ON DUPLICATE KEY UPDATE host = VALUES(host), pid = VALUES(pid),"
                            + " started_at = NOW(3), last_heartbeat = NOW(3), expires_at = VALUES(expires_at), stopped_at = NULL,"
                            + " token_hash = v_hash;"
                            + " SELECT 1 AS registered; END IF; END",
                    "CREATE OR REPLACE PROCEDURE driftguard_beat(p_instance VARCHAR(200), p_app VARCHAR(200),"
                            + " p_version VARCHAR(200), p_token VARCHAR(64), p_ttl INT, p_shapes BIGINT)"
                            + " SQL SECURITY DEFINER BEGIN"
                            + " DECLARE v_stopped INT DEFAULT NULL;"
                            + " DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_stopped = NULL;"
                            + " SELECT stopped_at IS NOT NULL INTO v_stopped FROM driftguard_instance"
                            + " WHERE instance_id = p_instance AND app = p_app AND version = p_version"
                            + " AND token_hash = SHA2(p_token, 256) FOR UPDATE;"
                            + " IF v_stopped IS NULL THEN SELECT 0 AS beat; ELSE"
                            + " UPDATE driftguard_instance SET last_heartbeat = NOW(3), expires_at = NOW(3) + " + Ttl.MY + ","
                            + " stopped_at = NULL, statement_shapes = COALESCE(p_shapes, statement_shapes)"
                            + " WHERE instance_id = p_instance AND app = p_app AND version = p_version;"
                            + " SELECT IF(v_stopped, 2, 1) AS beat; END IF; END",
                    "CREATE OR REPLACE PROCEDURE driftguard_stop_instance(p_instance VARCHAR(200), p_app VARCHAR(200),"
                            + " p_version VARCHAR(200), p_token VARCHAR(64)) SQL SECURITY DEFINER"
                            + " UPDATE driftguard_instance SET stopped_at = NOW(3) WHERE instance_id = p_instance AND app = p_app"
                            + " AND version = p_version AND token_hash = SHA2(p_token, 256)",
                    "CREATE OR REPLACE PROCEDURE driftguard_add_usage(p_app VARCHAR(200), p_version VARCHAR(200),"
                            + " p_catalog VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64),"
                            + " p_access VARCHAR(5), p_count BIGINT) SQL SECURITY DEFINER"
                            + " INSERT INTO driftguard_column_usage (app, version, table_catalog, table_schema, table_name,"
                            + " column_name, access, first_seen, last_seen, use_count) VALUES (p_app, p_version, p_catalog,"
                            + " p_schema, p_table, p_column, p_access, NOW(3), NOW(3), GREATEST(p_count, 0))"
                            + " ON DUPLICATE KEY UPDATE last_seen = NOW(3), use_count = use_count + VALUES(use_count)",
                    "CREATE OR REPLACE PROCEDURE driftguard_add_incident(p_instance VARCHAR(200), p_app VARCHAR(200),"
                            + " p_version VARCHAR(200), p_catalog VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64),"
                            + " p_column VARCHAR(64), p_kind VARCHAR(20)) SQL SECURITY DEFINER"
                            + " INSERT INTO driftguard_drift_incident (instance_id, app, version, table_catalog, table_schema,"
                            + " table_name, column_name, kind) VALUES (p_instance, p_app, p_version, p_catalog, p_schema,"
                            + " p_table, p_column, p_kind)",
                    "CREATE OR REPLACE PROCEDURE driftguard_add_override(p_app VARCHAR(200), p_version VARCHAR(200),"
                            + " p_instance VARCHAR(200), p_statement TEXT, p_reason TEXT) SQL SECURITY DEFINER"
                            // USER(): who logged in; CURRENT_USER() inside a definer's routine is the definer
                            + " INSERT INTO driftguard_override_log (app, version, instance_id, db_user, statement, reason)"
                            + " VALUES (p_app, p_version, p_instance, USER(), p_statement, p_reason)"),
            // 6: via in the key, as its hash: the names before it are 661 4-byte characters, and an InnoDB key
            // holds 3,072 bytes, too few for a chain of objects
            List.of("ALTER TABLE driftguard_column_usage ADD COLUMN IF NOT EXISTS via VARCHAR(" + Key.VIA_LIMIT + ")"
                            + " NOT NULL DEFAULT ''",
                    "ALTER TABLE driftguard_column_usage ADD COLUMN IF NOT EXISTS via_key VARCHAR(" + Key.VIA_KEY_LENGTH
                            + ") NOT NULL DEFAULT ''",
                    "ALTER TABLE driftguard_column_usage ADD UNIQUE KEY IF NOT EXISTS driftguard_column_usage_key ("
                            + Key.COLUMNS + ", via_key)",
                    "ALTER TABLE driftguard_column_usage DROP INDEX IF EXISTS `PRIMARY`",
                    "CREATE OR REPLACE VIEW driftguard_live_usage AS " + liveUsage("driftguard_", false, true),
                    "CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS " + liveUsage("driftguard_", true, true),
                    "CREATE OR REPLACE PROCEDURE driftguard_add_use(p_app VARCHAR(200), p_version VARCHAR(200),"
                            + " p_catalog VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64),"
                            + " p_access VARCHAR(5), p_via VARCHAR(" + Key.VIA_LIMIT + "), p_via_key VARCHAR("
                            + Key.VIA_KEY_LENGTH + "), p_count BIGINT) SQL SECURITY DEFINER"
                            + " INSERT INTO driftguard_column_usage (" + Key.COLUMNS + ", via, via_key, first_seen, last_seen,"
                            + " use_count) VALUES (p_app, p_version, p_catalog, p_schema, p_table, p_column, p_access, p_via,"
                            + " p_via_key, NOW(3), NOW(3), GREATEST(p_count, 0))"
                            + " ON DUPLICATE KEY UPDATE last_seen = NOW(3), use_count = use_count + VALUES(use_count)",
                    // the schema-5 routine stays, for instances of older driftguard versions that still call it
                    "CREATE OR REPLACE PROCEDURE driftguard_add_usage(p_app VARCHAR(200), p_version VARCHAR(200),"
                            + " p_catalog VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64),"
                            + " p_access VARCHAR(5), p_count BIGINT) SQL SECURITY DEFINER"
                            + " CALL driftguard_add_use(p_app, p_version, p_catalog, p_schema, p_table, p_column, p_access,"
                            + " '', '', p_count)"))),

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
                    "CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE AS " + liveUsage("DRIFTGUARD.", false, false)),
            List.of("CREATE TABLE IF NOT EXISTS DRIFTGUARD.OVERRIDE_LOG (ID BIGINT AUTO_INCREMENT PRIMARY KEY,"
                            + " AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, APP VARCHAR(200), VERSION VARCHAR(200),"
                            + " INSTANCE_ID VARCHAR(200), DB_USER VARCHAR(200), STATEMENT CLOB NOT NULL, REASON CLOB NOT NULL)",
                    "CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE_BY_DATABASE AS " + liveUsage("DRIFTGUARD.", true, false)),
            List.of("CREATE TABLE IF NOT EXISTS DRIFTGUARD.DRIFT_INCIDENT (ID BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, APP VARCHAR(200) NOT NULL,"
                    + " VERSION VARCHAR(200) NOT NULL, INSTANCE_ID VARCHAR(200), TABLE_CATALOG VARCHAR(128) NOT NULL,"
                    + " TABLE_SCHEMA VARCHAR(128) NOT NULL, TABLE_NAME VARCHAR(128) NOT NULL, COLUMN_NAME VARCHAR(128),"
                    + " KIND VARCHAR(20) NOT NULL)"),
            List.of("ALTER TABLE DRIFTGUARD.INSTANCE ADD COLUMN IF NOT EXISTS STATEMENT_SHAPES BIGINT"),
            // H2 has no routines with their owner's rights: its registry is written with plain statements
            List.of("ALTER TABLE DRIFTGUARD.INSTANCE ADD COLUMN IF NOT EXISTS TOKEN_HASH VARCHAR(64)"),
            // 6: via in the key; H2 names the primary key itself, so dropping it goes first, and the rest can run twice
            List.of("ALTER TABLE DRIFTGUARD.COLUMN_USAGE DROP PRIMARY KEY",
                    "ALTER TABLE DRIFTGUARD.COLUMN_USAGE ADD COLUMN IF NOT EXISTS VIA VARCHAR(" + Key.VIA_LIMIT + ")"
                            + " DEFAULT '' NOT NULL",
                    "ALTER TABLE DRIFTGUARD.COLUMN_USAGE ADD COLUMN IF NOT EXISTS VIA_KEY VARCHAR(" + Key.VIA_KEY_LENGTH
                            + ") DEFAULT '' NOT NULL",
                    "CREATE UNIQUE INDEX IF NOT EXISTS DRIFTGUARD.COLUMN_USAGE_KEY ON DRIFTGUARD.COLUMN_USAGE (" + Key.COLUMNS
                            + ", VIA_KEY)",
                    "CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE AS " + liveUsage("DRIFTGUARD.", false, true),
                    "CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE_BY_DATABASE AS " + liveUsage("DRIFTGUARD.", true, true))));

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

    /** The TTL clamped by the registry itself: no instance can make itself live for longer. */
    private static final class Ttl {
        static final String PG = "LEAST(GREATEST(p_ttl, 1), " + MAX_TTL_SECONDS + ") * INTERVAL '1 second'";
        static final String MY = "INTERVAL LEAST(GREATEST(p_ttl, 1), " + MAX_TTL_SECONDS + ") SECOND";
    }

    /** The schema version this driftguard writes; older registries are upgraded to it. */
    static final int CURRENT_VERSION = 6;
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
    private final List<List<String>> migrations;

    RegistryDialect(String prefix, String now, String nowPlusSeconds, List<List<String>> migrations) {
        this.prefix = prefix;
        this.now = now;
        this.nowPlusSeconds = nowPlusSeconds;
        this.migrations = migrations;
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
                "live_usage", "live_usage_by_database");
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

    /**
     * One row per (app, version, table, column, access[, via]) of every version with at least one live instance;
     * via (schema version 6 on) last, where PostgreSQL lets a replaced view gain a column.
     */
    private static String liveUsage(String prefix, boolean withDatabase, boolean via) {
        return "SELECT " + (withDatabase ? "u.table_catalog, " : "") + "u.app, u.version, u.table_schema, u.table_name,"
                + " u.column_name, u.access, l.live_instances, u.last_seen" + (via ? ", u.via" : "")
                + " FROM " + prefix + "column_usage u JOIN"
                + " (SELECT app, version, COUNT(*) AS live_instances FROM " + prefix + "instance"
                + " WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l"
                + " ON l.app = u.app AND l.version = u.version";
    }
}
