-- driftguard registry, PostgreSQL: schema version 3 — drift incidents.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS driftguard.drift_incident (id BIGSERIAL PRIMARY KEY, at TIMESTAMP WITH TIME ZONE
    NOT NULL DEFAULT now(), app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL, instance_id
    VARCHAR(200), table_catalog VARCHAR(128) NOT NULL, table_schema VARCHAR(128) NOT NULL, table_name
    VARCHAR(128) NOT NULL, column_name VARCHAR(128), kind VARCHAR(20) NOT NULL)
