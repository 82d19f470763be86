-- driftguard registry, MariaDB / MySQL: schema version 5 — routines with their owner's rights, so an application role may only call them and read.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE driftguard_instance ADD COLUMN IF NOT EXISTS token_hash VARCHAR(64)
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_register(p_instance VARCHAR(200), p_app VARCHAR(200), p_version
    VARCHAR(200), p_token VARCHAR(64), p_ttl INT, p_host VARCHAR(255), p_pid BIGINT) SQL SECURITY DEFINER
    BEGIN DECLARE v_hash VARCHAR(64) DEFAULT SHA2(p_token, 256); DECLARE v_held INT DEFAULT 0; SELECT COUNT(*)
    INTO v_held FROM driftguard_instance WHERE instance_id = p_instance AND app = p_app AND version =
    p_version AND stopped_at IS NULL AND expires_at > NOW(3) AND NOT (token_hash <=> v_hash) FOR UPDATE; IF
    v_held > 0 THEN SELECT 0 AS registered; ELSE INSERT INTO driftguard_instance (instance_id, app, version,
    host, pid, started_at, last_heartbeat, expires_at, token_hash) VALUES (p_instance, p_app, p_version,
    p_host, p_pid, NOW(3), NOW(3), NOW(3) + INTERVAL LEAST(GREATEST(p_ttl, 1), ${max_ttl_seconds}) SECOND, v_hash) ON
    DUPLICATE KEY UPDATE host = VALUES(host), pid = VALUES(pid), started_at = NOW(3), last_heartbeat = NOW(3),
    expires_at = VALUES(expires_at), stopped_at = NULL, token_hash = v_hash; SELECT 1 AS registered; END IF;
    END
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_beat(p_instance VARCHAR(200), p_app VARCHAR(200), p_version
    VARCHAR(200), p_token VARCHAR(64), p_ttl INT, p_shapes BIGINT) SQL SECURITY DEFINER BEGIN DECLARE
    v_stopped INT DEFAULT NULL; DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_stopped = NULL; SELECT stopped_at
    IS NOT NULL INTO v_stopped FROM driftguard_instance WHERE instance_id = p_instance AND app = p_app AND
    version = p_version AND token_hash = SHA2(p_token, 256) FOR UPDATE; IF v_stopped IS NULL THEN SELECT 0 AS
    beat; ELSE UPDATE driftguard_instance SET last_heartbeat = NOW(3), expires_at = NOW(3) + INTERVAL
    LEAST(GREATEST(p_ttl, 1), ${max_ttl_seconds}) SECOND, stopped_at = NULL, statement_shapes = COALESCE(p_shapes,
    statement_shapes) WHERE instance_id = p_instance AND app = p_app AND version = p_version; SELECT
    IF(v_stopped, 2, 1) AS beat; END IF; END
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_stop_instance(p_instance VARCHAR(200), p_app VARCHAR(200), p_version
    VARCHAR(200), p_token VARCHAR(64)) SQL SECURITY DEFINER UPDATE driftguard_instance SET stopped_at = NOW(3)
    WHERE instance_id = p_instance AND app = p_app AND version = p_version AND token_hash = SHA2(p_token, 256)
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_add_usage(p_app VARCHAR(200), p_version VARCHAR(200), p_catalog
    VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64), p_access VARCHAR(5), p_count
    BIGINT) SQL SECURITY DEFINER INSERT INTO driftguard_column_usage (app, version, table_catalog,
    table_schema, table_name, column_name, access, first_seen, last_seen, use_count) VALUES (p_app, p_version,
    p_catalog, p_schema, p_table, p_column, p_access, NOW(3), NOW(3), GREATEST(p_count, 0)) ON DUPLICATE KEY
    UPDATE last_seen = NOW(3), use_count = use_count + VALUES(use_count)
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_add_incident(p_instance VARCHAR(200), p_app VARCHAR(200), p_version
    VARCHAR(200), p_catalog VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64),
    p_kind VARCHAR(20)) SQL SECURITY DEFINER INSERT INTO driftguard_drift_incident (instance_id, app, version,
    table_catalog, table_schema, table_name, column_name, kind) VALUES (p_instance, p_app, p_version,
    p_catalog, p_schema, p_table, p_column, p_kind)
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_add_override(p_app VARCHAR(200), p_version VARCHAR(200), p_instance
    VARCHAR(200), p_statement TEXT, p_reason TEXT) SQL SECURITY DEFINER INSERT INTO driftguard_override_log
    (app, version, instance_id, db_user, statement, reason) VALUES (p_app, p_version, p_instance, USER(),
    p_statement, p_reason)
