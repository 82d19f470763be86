-- driftguard registry, H2: schema version 2 — the override log and live usage by database.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS DRIFTGUARD.OVERRIDE_LOG (ID BIGINT AUTO_INCREMENT PRIMARY KEY, AT TIMESTAMP WITH
    TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, APP VARCHAR(200), VERSION VARCHAR(200), INSTANCE_ID
    VARCHAR(200), DB_USER VARCHAR(200), STATEMENT CLOB NOT NULL, REASON CLOB NOT NULL)
-- ;;
CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE_BY_DATABASE AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen FROM
    DRIFTGUARD.column_usage u JOIN (SELECT app, version, COUNT(*) AS live_instances FROM DRIFTGUARD.instance
    WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND
    l.version = u.version
