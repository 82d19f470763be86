-- driftguard registry, PostgreSQL: schema version 6 — what a use is reached through (via), in the key as its hash.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE driftguard.column_usage ADD COLUMN IF NOT EXISTS via VARCHAR(${via_limit}) NOT NULL DEFAULT ''
-- ;;
ALTER TABLE driftguard.column_usage ADD COLUMN IF NOT EXISTS via_key VARCHAR(${via_key_length}) NOT NULL DEFAULT ''
-- ;;
CREATE UNIQUE INDEX IF NOT EXISTS column_usage_key ON driftguard.column_usage (app, version, table_catalog,
    table_schema, table_name, column_name, access, via_key)
-- ;;
ALTER TABLE driftguard.column_usage DROP CONSTRAINT IF EXISTS column_usage_pkey
-- ;;
CREATE OR REPLACE VIEW driftguard.live_usage AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen, u.via FROM driftguard.column_usage u JOIN (SELECT
    app, version, COUNT(*) AS live_instances FROM driftguard.instance WHERE stopped_at IS NULL AND expires_at
    > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
-- ;;
CREATE OR REPLACE VIEW driftguard.live_usage_by_database AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen, u.via FROM
    driftguard.column_usage u JOIN (SELECT app, version, COUNT(*) AS live_instances FROM driftguard.instance
    WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND
    l.version = u.version
-- ;;
CREATE OR REPLACE PROCEDURE driftguard.add_use(p_app VARCHAR, p_version VARCHAR, p_catalog VARCHAR, p_schema
    VARCHAR, p_table VARCHAR, p_column VARCHAR, p_access VARCHAR, p_via VARCHAR, p_via_key VARCHAR, p_count
    BIGINT) LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ INSERT INTO
    driftguard.column_usage (app, version, table_catalog, table_schema, table_name, column_name, access, via,
    via_key, first_seen, last_seen, use_count) VALUES (p_app, p_version, p_catalog, p_schema, p_table,
    p_column, p_access, p_via, p_via_key, now(), now(), GREATEST(p_count, 0)) ON CONFLICT (app, version,
    table_catalog, table_schema, table_name, column_name, access, via_key) DO UPDATE SET last_seen = now(),
    use_count = driftguard.column_usage.use_count + EXCLUDED.use_count $$
-- ;;
REVOKE ALL ON PROCEDURE driftguard.add_use(VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,
    VARCHAR, VARCHAR, BIGINT) FROM PUBLIC
-- ;;
CREATE OR REPLACE PROCEDURE driftguard.add_usage(p_app VARCHAR, p_version VARCHAR, p_catalog VARCHAR, p_schema
    VARCHAR, p_table VARCHAR, p_column VARCHAR, p_access VARCHAR, p_count BIGINT) LANGUAGE sql SECURITY
    DEFINER SET search_path = pg_catalog, pg_temp AS $$ CALL driftguard.add_use(p_app, p_version, p_catalog,
    p_schema, p_table, p_column, p_access, '', '', p_count) $$
