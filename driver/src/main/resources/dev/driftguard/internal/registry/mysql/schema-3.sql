-- driftguard registry, MariaDB / MySQL: schema version 3 — drift incidents.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
CREATE TABLE IF NOT EXISTS driftguard_drift_incident (id BIGINT AUTO_INCREMENT PRIMARY KEY, at DATETIME(3) NOT
    NULL DEFAULT CURRENT_TIMESTAMP(3), app VARCHAR(200) NOT NULL, version VARCHAR(200) NOT NULL, instance_id
    VARCHAR(200), table_catalog VARCHAR(64) NOT NULL, table_schema VARCHAR(64) NOT NULL, table_name
    VARCHAR(64) NOT NULL, column_name VARCHAR(64), kind VARCHAR(20) NOT NULL)
