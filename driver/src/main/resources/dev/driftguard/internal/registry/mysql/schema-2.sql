-- driftguard registry, MariaDB / MySQL: schema version 2 — the override log and live usage by database.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS driftguard_override_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(3) NOT
    NULL DEFAULT CURRENT_TIMESTAMP(3), app VARCHAR(200), version VARCHAR(200), instance_id VARCHAR(200),
    db_user VARCHAR(200), statement TEXT NOT NULL, reason TEXT NOT NULL)
-- ;;
CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen FROM
    driftguard_column_usage u JOIN (SELECT app, version, COUNT(*) AS live_instances FROM driftguard_instance
    WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND
    l.version = u.version
