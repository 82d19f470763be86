-- driftguard registry, H2: schema version 4 — the number of statement shapes an instance recorded.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE DRIFTGUARD.INSTANCE ADD COLUMN IF NOT EXISTS STATEMENT_SHAPES BIGINT
