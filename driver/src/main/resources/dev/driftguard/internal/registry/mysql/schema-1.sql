-- driftguard registry, MariaDB / MySQL: schema version 1 — instances, column usage and the live_usage view.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS driftguard_registry_meta (meta_key VARCHAR(64) PRIMARY KEY, meta_value VARCHAR(255)
    NOT NULL)
-- ;;
CREATE TABLE IF NOT EXISTS driftguard_instance (instance_id VARCHAR(200) NOT NULL, app VARCHAR(200) NOT NULL,
    version VARCHAR(200) NOT NULL, host VARCHAR(255), pid BIGINT, started_at DATETIME(3) NOT NULL,
    last_heartbeat DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL, stopped_at DATETIME(3) NULL, PRIMARY
    KEY (instance_id, app, version), KEY driftguard_instance_live (app, version, expires_at))
-- ;;
CREATE TABLE IF NOT EXISTS driftguard_column_usage (app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL,
    table_catalog VARCHAR(64) NOT NULL, table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,
    column_name VARCHAR(64) NOT NULL, access VARCHAR(5) NOT NULL, first_seen DATETIME(3) NOT NULL, last_seen
    DATETIME(3) NOT NULL, use_count BIGINT NOT NULL, PRIMARY KEY (app, version, table_catalog, table_schema,
    table_name, column_name, access), KEY driftguard_column_usage_target (table_schema, table_name,
    column_name))
-- ;;
CREATE OR REPLACE VIEW driftguard_live_usage AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen FROM driftguard_column_usage u JOIN (SELECT app,
    version, COUNT(*) AS live_instances FROM driftguard_instance WHERE stopped_at IS NULL AND expires_at >
    CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
