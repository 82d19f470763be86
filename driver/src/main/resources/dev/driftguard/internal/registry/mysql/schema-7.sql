-- driftguard registry, MariaDB / MySQL: schema version 7 — declared usage (manifests published by declare) beside
-- observed usage; the live views take both and say which (source).
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS driftguard_declared_usage (app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL,
    table_catalog VARCHAR(64) NOT NULL, table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,
    column_name VARCHAR(64) NOT NULL, access VARCHAR(5) NOT NULL, via VARCHAR(${via_limit}) NOT NULL DEFAULT '',
    via_key VARCHAR(${via_key_length}) NOT NULL DEFAULT '', declared_at DATETIME(3) NOT NULL, PRIMARY KEY (app,
    version, table_catalog, table_schema, table_name, column_name, access, via_key), KEY
    driftguard_declared_usage_target (table_schema, table_name, column_name))
-- ;;
-- Usage is grouped before it is joined with the live versions: grouped after the join, PostgreSQL picks a nested
-- loop whenever the instance table's statistics are stale and the precheck query takes 30 times as long.
CREATE OR REPLACE VIEW driftguard_live_usage AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen, u.via, u.source FROM (SELECT app, version,
    table_catalog, table_schema, table_name, column_name, access, via, MAX(last_seen) AS last_seen, CASE WHEN
    MIN(source) = MAX(source) THEN MIN(source) ELSE 'both' END AS source FROM (SELECT app, version,
    table_catalog, table_schema, table_name, column_name, access, via, last_seen, 'observed' AS source FROM
    driftguard_column_usage UNION ALL SELECT app, version, table_catalog, table_schema, table_name, column_name,
    access, via, NULL, 'declared' FROM driftguard_declared_usage) x GROUP BY app, version, table_catalog,
    table_schema, table_name, column_name, access, via) u JOIN (SELECT app, version, COUNT(*) AS live_instances
    FROM driftguard_instance WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY app, version)
    l ON l.app = u.app AND l.version = u.version
-- ;;
CREATE OR REPLACE VIEW driftguard_live_usage_by_database AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen, u.via, u.source FROM
    (SELECT app, version, table_catalog, table_schema, table_name, column_name, access, via, MAX(last_seen) AS
    last_seen, CASE WHEN MIN(source) = MAX(source) THEN MIN(source) ELSE 'both' END AS source FROM (SELECT app,
    version, table_catalog, table_schema, table_name, column_name, access, via, last_seen, 'observed' AS source
    FROM driftguard_column_usage UNION ALL SELECT app, version, table_catalog, table_schema, table_name,
    column_name, access, via, NULL, 'declared' FROM driftguard_declared_usage) x GROUP BY app, version,
    table_catalog, table_schema, table_name, column_name, access, via) u JOIN (SELECT app, version, COUNT(*) AS
    live_instances FROM driftguard_instance WHERE stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP GROUP BY
    app, version) l ON l.app = u.app AND l.version = u.version
