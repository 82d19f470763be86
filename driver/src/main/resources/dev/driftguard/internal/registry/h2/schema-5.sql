-- driftguard registry, H2: schema version 5 — routines with their owner's rights, so an application role may only call them and read.
-- Statements end at a line "-- ;;"; ${…} are the limits of RegistryDialect. Each runs once, in order, in one
-- transaction where the database allows it.
ALTER TABLE DRIFTGUARD.INSTANCE ADD COLUMN IF NOT EXISTS TOKEN_HASH VARCHAR(64)
