-- driftguard registry, PostgreSQL: schema version 1 — instances, column usage and the live_usage view.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE SCHEMA IF NOT EXISTS driftguard
-- ;;
CREATE TABLE IF NOT EXISTS driftguard.registry_meta (meta_key VARCHAR(64) PRIMARY KEY, meta_value VARCHAR(255)
    NOT NULL)
-- ;;
CREATE TABLE IF NOT EXISTS driftguard.instance (instance_id VARCHAR(200) NOT NULL, app VARCHAR(200) NOT NULL,
    version VARCHAR(200) NOT NULL, host VARCHAR(255), pid BIGINT, started_at TIMESTAMP WITH TIME ZONE NOT
    NULL, last_heartbeat TIMESTAMP WITH TIME ZONE NOT NULL, expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at TIMESTAMP WITH TIME ZONE, PRIMARY KEY (instance_id, app, version))
-- ;;
CREATE INDEX IF NOT EXISTS instance_live ON driftguard.instance (app, version, expires_at)
-- ;;
CREATE TABLE IF NOT EXISTS driftguard.column_usage (app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL,
    table_catalog VARCHAR(128) NOT NULL, table_schema VARCHAR(128) NOT NULL, table_name VARCHAR(128) NOT NULL,
    column_name VARCHAR(128) NOT NULL, access VARCHAR(5) NOT NULL, first_seen TIMESTAMP WITH TIME ZONE NOT
    NULL, last_seen TIMESTAMP WITH TIME ZONE NOT NULL, use_count BIGINT NOT NULL, PRIMARY KEY (app, version,
    table_catalog, table_schema, table_name, column_name, access))
-- ;;
CREATE INDEX IF NOT EXISTS column_usage_target ON driftguard.column_usage (table_schema, table_name,
    column_name)
-- ;;
CREATE OR REPLACE VIEW driftguard.live_usage AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen FROM driftguard.column_usage u JOIN (SELECT app,
    version, COUNT(*) AS live_instances FROM driftguard.instance WHERE stopped_at IS NULL AND expires_at >
    CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
