-- driftguard registry, PostgreSQL: schema version 2 — the override log and live usage by database.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS driftguard.override_log (id BIGSERIAL PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT
    NULL DEFAULT now(), app VARCHAR(200), version VARCHAR(200), instance_id VARCHAR(200), db_user
    VARCHAR(200), statement TEXT NOT NULL, reason TEXT NOT NULL)
-- ;;
CREATE OR REPLACE VIEW driftguard.live_usage_by_database AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen FROM
    driftguard.column_usage u JOIN (SELECT app, version, COUNT(*) AS live_instances FROM driftguard.instance
    WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND
    l.version = u.version
