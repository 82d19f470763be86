-- driftguard registry, MariaDB / MySQL: schema version 4 — the number of statement shapes an instance recorded.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE driftguard_instance ADD COLUMN IF NOT EXISTS statement_shapes BIGINT
