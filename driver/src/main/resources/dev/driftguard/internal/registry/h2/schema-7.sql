-- driftguard registry, H2: schema version 7 — declared usage (manifests published by declare) beside observed
-- usage; the live views take both and say which (source).
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS DRIFTGUARD.DECLARED_USAGE (APP VARCHAR(200) NOT NULL, VERSION VARCHAR(200) NOT NULL,
    TABLE_CATALOG VARCHAR(128) NOT NULL, TABLE_SCHEMA VARCHAR(128) NOT NULL, TABLE_NAME VARCHAR(128) NOT NULL,
    COLUMN_NAME VARCHAR(128) NOT NULL, ACCESS VARCHAR(5) NOT NULL, VIA VARCHAR(${via_limit}) DEFAULT '' NOT NULL,
    VIA_KEY VARCHAR(${via_key_length}) DEFAULT '' NOT NULL, DECLARED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (APP, VERSION, TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ACCESS, VIA_KEY))
-- ;;
CREATE INDEX IF NOT EXISTS DRIFTGUARD.DECLARED_USAGE_TARGET ON DRIFTGUARD.DECLARED_USAGE (TABLE_SCHEMA,
    TABLE_NAME, COLUMN_NAME)
-- ;;
-- Usage is grouped before it is joined with the live versions: grouped after the join, PostgreSQL picks a nested
-- loop whenever the instance table's statistics are stale and the precheck query takes 30 times as long.
CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE AS SELECT u.app, u.version, u.table_schema, u.table_name,
    u.column_name, u.access, l.live_instances, u.last_seen, u.via, u.source FROM (SELECT app, version,
    table_catalog, table_schema, table_name, column_name, access, via, MAX(last_seen) AS last_seen, CASE WHEN
    MIN(source) = MAX(source) THEN MIN(source) ELSE 'both' END AS source FROM (SELECT app, version,
    table_catalog, table_schema, table_name, column_name, access, via, last_seen, 'observed' AS source FROM
    DRIFTGUARD.column_usage UNION ALL SELECT app, version, table_catalog, table_schema, table_name, column_name,
    access, via, CAST(NULL AS TIMESTAMP WITH TIME ZONE), 'declared' FROM DRIFTGUARD.declared_usage) x GROUP BY
    app, version, table_catalog, table_schema, table_name, column_name, access, via) u JOIN (SELECT app,
    version, COUNT(*) AS live_instances FROM DRIFTGUARD.instance WHERE stopped_at IS NULL AND expires_at >
    CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
-- ;;
CREATE OR REPLACE VIEW DRIFTGUARD.LIVE_USAGE_BY_DATABASE AS SELECT u.table_catalog, u.app, u.version,
    u.table_schema, u.table_name, u.column_name, u.access, l.live_instances, u.last_seen, u.via, u.source FROM
    (SELECT app, version, table_catalog, table_schema, table_name, column_name, access, via, MAX(last_seen) AS
    last_seen, CASE WHEN MIN(source) = MAX(source) THEN MIN(source) ELSE 'both' END AS source FROM (SELECT app,
    version, table_catalog, table_schema, table_name, column_name, access, via, last_seen, 'observed' AS source
    FROM DRIFTGUARD.column_usage UNION ALL SELECT app, version, table_catalog, table_schema, table_name,
    column_name, access, via, CAST(NULL AS TIMESTAMP WITH TIME ZONE), 'declared' FROM DRIFTGUARD.declared_usage)
    x GROUP BY app, version, table_catalog, table_schema, table_name, column_name, access, via) u JOIN (SELECT
    app, version, COUNT(*) AS live_instances FROM DRIFTGUARD.instance WHERE stopped_at IS NULL AND expires_at >
    CURRENT_TIMESTAMP GROUP BY app, version) l ON l.app = u.app AND l.version = u.version
