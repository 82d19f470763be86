-- driftguard registry, PostgreSQL: schema version 5 — routines with their owner's rights, so an application role may only call them and read.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE driftguard.instance ADD COLUMN IF NOT EXISTS token_hash VARCHAR(64)
-- ;;
CREATE OR REPLACE FUNCTION driftguard.register(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR, p_token
    VARCHAR, p_ttl INTEGER, p_host VARCHAR, p_pid BIGINT) RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$ DECLARE v_hash VARCHAR := encode(sha256(convert_to(p_token,
    'UTF8')), 'hex'); v_row RECORD; BEGIN SELECT token_hash, stopped_at IS NULL AND expires_at > now() AS live
    INTO v_row FROM driftguard.instance WHERE instance_id = p_instance AND app = p_app AND version = p_version
    FOR UPDATE; IF FOUND AND v_row.live AND v_row.token_hash IS DISTINCT FROM v_hash THEN RETURN 0; END IF;
    INSERT INTO driftguard.instance (instance_id, app, version, host, pid, started_at, last_heartbeat,
    expires_at, token_hash) VALUES (p_instance, p_app, p_version, p_host, p_pid, now(), now(), now() +
    LEAST(GREATEST(p_ttl, 1), ${max_ttl_seconds}) * INTERVAL '1 second', v_hash) ON CONFLICT (instance_id, app, version) DO
    UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid, started_at = now(), last_heartbeat = now(),
    expires_at = EXCLUDED.expires_at, stopped_at = NULL, token_hash = v_hash; RETURN 1; END $$
-- ;;
CREATE OR REPLACE FUNCTION driftguard.beat(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR, p_token
    VARCHAR, p_ttl INTEGER, p_shapes BIGINT) RETURNS INTEGER LANGUAGE plpgsql SECURITY DEFINER SET search_path
    = pg_catalog, pg_temp AS $$ DECLARE v_stopped BOOLEAN; BEGIN SELECT stopped_at IS NOT NULL INTO v_stopped
    FROM driftguard.instance WHERE instance_id = p_instance AND app = p_app AND version = p_version AND
    token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex') FOR UPDATE; IF NOT FOUND THEN RETURN 0;
    END IF; UPDATE driftguard.instance SET last_heartbeat = now(), expires_at = now() + LEAST(GREATEST(p_ttl,
    1), ${max_ttl_seconds}) * INTERVAL '1 second', stopped_at = NULL, statement_shapes = COALESCE(p_shapes,
    statement_shapes) WHERE instance_id = p_instance AND app = p_app AND version = p_version; RETURN CASE WHEN
    v_stopped THEN 2 ELSE 1 END; END $$
-- ;;
CREATE OR REPLACE FUNCTION driftguard.stop_instance(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR,
    p_token VARCHAR) RETURNS INTEGER LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH s AS (UPDATE driftguard.instance SET stopped_at = now() WHERE instance_id = p_instance AND app =
    p_app AND version = p_version AND token_hash = encode(sha256(convert_to(p_token, 'UTF8')), 'hex')
    RETURNING 1) SELECT count(*)::INTEGER FROM s $$
-- ;;
CREATE OR REPLACE PROCEDURE driftguard.add_usage(p_app VARCHAR, p_version VARCHAR, p_catalog VARCHAR, p_schema
    VARCHAR, p_table VARCHAR, p_column VARCHAR, p_access VARCHAR, p_count BIGINT) LANGUAGE sql SECURITY
    DEFINER SET search_path = pg_catalog, pg_temp AS $$ INSERT INTO driftguard.column_usage (app, version,
    table_catalog, table_schema, table_name, column_name, access, first_seen, last_seen, use_count) VALUES
    (p_app, p_version, p_catalog, p_schema, p_table, p_column, p_access, now(), now(), GREATEST(p_count, 0))
    ON CONFLICT (app, version, table_catalog, table_schema, table_name, column_name, access) DO UPDATE SET
    last_seen = now(), use_count = driftguard.column_usage.use_count + EXCLUDED.use_count $$
-- ;;
CREATE OR REPLACE PROCEDURE driftguard.add_incident(p_instance VARCHAR, p_app VARCHAR, p_version VARCHAR,
    p_catalog VARCHAR, p_schema VARCHAR, p_table VARCHAR, p_column VARCHAR, p_kind VARCHAR) LANGUAGE sql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ INSERT INTO driftguard.drift_incident
    (instance_id, app, version, table_catalog, table_schema, table_name, column_name, kind) VALUES
    (p_instance, p_app, p_version, p_catalog, p_schema, p_table, p_column, p_kind) $$
-- ;;
CREATE OR REPLACE PROCEDURE driftguard.add_override(p_app VARCHAR, p_version VARCHAR, p_instance VARCHAR,
    p_statement TEXT, p_reason TEXT) LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO driftguard.override_log (app, version, instance_id, db_user, statement, reason) VALUES (p_app,
    p_version, p_instance, session_user, p_statement, p_reason) $$
-- ;;
REVOKE ALL ON FUNCTION driftguard.register(VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR, BIGINT),
    driftguard.beat(VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER, BIGINT), driftguard.stop_instance(VARCHAR,
    VARCHAR, VARCHAR, VARCHAR) FROM PUBLIC
-- ;;
REVOKE ALL ON PROCEDURE driftguard.add_usage(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,
    BIGINT), driftguard.add_incident(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR),
    driftguard.add_override(VARCHAR, VARCHAR, VARCHAR, TEXT, TEXT) FROM PUBLIC
