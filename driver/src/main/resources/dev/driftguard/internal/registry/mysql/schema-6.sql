-- driftguard registry, MariaDB / MySQL: schema version 6 — what a use is reached through (via), in the key as its hash.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE driftguard_column_usage ADD COLUMN IF NOT EXISTS via VARCHAR(${via_limit}) NOT NULL DEFAULT ''
-- ;;
ALTER TABLE driftguard_column_usage ADD COLUMN IF NOT EXISTS via_key VARCHAR(${via_key_length}) NOT NULL DEFAULT ''
-- ;;
ALTER TABLE driftguard_column_usage ADD UNIQUE KEY IF NOT EXISTS driftguard_column_usage_key (app, version,
    table_catalog, table_schema, table_name, column_name, access, via_key)
-- ;;
ALTER TABLE driftguard_column_usage DROP INDEX IF EXISTS `PRIMARY`
-- ;;
CREATE OR REPLACE VIEW driftguard_live_usage AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen, u.via FROM driftguard_column_usage u JOIN (SELECT
    app, version, COUNT(*) AS live_instances FROM driftguard_instance WHERE stopped_at IS NULL AND expires_at
    > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
-- ;;
CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen, u.via FROM
    driftguard_column_usage u JOIN (SELECT app, version, COUNT(*) AS live_instances FROM driftguard_instance
    WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND
    l.version = u.version
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_add_use(p_app VARCHAR(200), p_version VARCHAR(200), p_catalog
    VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64), p_access VARCHAR(5), p_via
    VARCHAR(${via_limit}), p_via_key VARCHAR(${via_key_length}), p_count BIGINT) SQL SECURITY DEFINER INSERT INTO
    driftguard_column_usage (app, version, table_catalog, table_schema, table_name, column_name, access, via,
    via_key, first_seen, last_seen, use_count) VALUES (p_app, p_version, p_catalog, p_schema, p_table,
    p_column, p_access, p_via, p_via_key, NOW(3), NOW(3), GREATEST(p_count, 0)) ON DUPLICATE KEY UPDATE
    last_seen = NOW(3), use_count = use_count + VALUES(use_count)
-- ;;
CREATE OR REPLACE PROCEDURE driftguard_add_usage(p_app VARCHAR(200), p_version VARCHAR(200), p_catalog
    VARCHAR(64), p_schema VARCHAR(64), p_table VARCHAR(64), p_column VARCHAR(64), p_access VARCHAR(5), p_count
    BIGINT) SQL SECURITY DEFINER CALL driftguard_add_use(p_app, p_version, p_catalog, p_schema, p_table,
    p_column, p_access, '', '', p_count)
