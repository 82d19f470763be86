-- driftguard registry, H2: schema version 6 — what a use is reached through (via), in the key as its hash.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE DRIFTGUARD.COLUMN_USAGE DROP PRIMARY KEY
-- ;;
ALTER TABLE DRIFTGUARD.COLUMN_USAGE ADD COLUMN IF NOT EXISTS VIA VARCHAR(${via_limit}) DEFAULT '' NOT NULL
-- ;;
ALTER TABLE DRIFTGUARD.COLUMN_USAGE ADD COLUMN IF NOT EXISTS VIA_KEY VARCHAR(${via_key_length}) DEFAULT '' NOT NULL
-- ;;
CREATE UNIQUE INDEX IF NOT EXISTS DRIFTGUARD.COLUMN_USAGE_KEY ON DRIFTGUARD.COLUMN_USAGE (app, version,
    table_catalog, table_schema, table_name, column_name, access, VIA_KEY)
-- ;;
CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen, u.via FROM DRIFTGUARD.column_usage u JOIN (SELECT
    app, version, COUNT(*) AS live_instances FROM DRIFTGUARD.instance WHERE stopped_at IS NULL AND expires_at
    > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
-- ;;
CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE_BY_DATABASE AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen, u.via FROM
    DRIFTGUARD.column_usage u JOIN (SELECT app, version, COUNT(*) AS live_instances FROM DRIFTGUARD.instance
    WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND
    l.version = u.version
