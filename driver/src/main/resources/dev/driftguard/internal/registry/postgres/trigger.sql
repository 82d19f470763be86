-- The PostgreSQL event triggers of `driftguard install --trigger`, for DDL from any client. When a command drops
-- objects (sql_drop), each object it actually dropped — what it names, what CASCADE takes along, what a DO block or
-- a function drops — is checked against live usage and named. After every DDL command (ddl_command_end) it checks
-- that what live versions use still exists, with a compatible type, and that live inserters still succeed.
-- Either raises SQLSTATE ZDG01 and the command is rolled back. Statements are separated by lines "-- ;;".

CREATE TABLE IF NOT EXISTS driftguard.column_snapshot (
  table_schema TEXT NOT NULL, table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  data_type TEXT NOT NULL, not_null BOOLEAN NOT NULL, has_default BOOLEAN NOT NULL,
  PRIMARY KEY (table_schema, table_name, column_name))
-- ;;
CREATE OR REPLACE FUNCTION driftguard.take_snapshot() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM driftguard.column_snapshot;
  INSERT INTO driftguard.column_snapshot
  SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'driftguard') AND n.nspname NOT LIKE 'pg_toast%';
END
$$
-- ;;
CREATE OR REPLACE FUNCTION driftguard.is_widening(old_type TEXT, new_type TEXT) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE AS $$
  SELECT (old_type, new_type) IN (('smallint', 'integer'), ('smallint', 'bigint'), ('integer', 'bigint'))
      OR (old_type LIKE 'character varying%' AND new_type IN ('text', 'character varying'))
      OR (old_type ~ '^character varying\(\d+\)$' AND new_type ~ '^character varying\(\d+\)$'
          AND substring(new_type FROM '\d+')::INT >= substring(old_type FROM '\d+')::INT)
$$
-- ;;
-- The client's text with its literals (dollar-quoted, E'...', standard) replaced by ?: an override comment inside a
-- literal is no override, and the override log keeps names, never data.
CREATE OR REPLACE FUNCTION driftguard.client_code() RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT regexp_replace(regexp_replace(current_query(), '\$([A-Za-z_]*)\$.*?\$\1\$', '?', 'g'),
                        '[Ee]''(?:''''|\\.|[^''\\])*''|''(?:''''|[^''])*''', '?', 'g')
$$
-- ;;
CREATE OR REPLACE FUNCTION driftguard.override_reason(code TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT substring(code FROM '/\*\s*driftguard:allow\s+reason\s*=\s*"([^"]*[^"\s][^"]*)"')
$$
-- ;;
CREATE OR REPLACE FUNCTION driftguard.check_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  problems TEXT := '';
  problem RECORD;
  code TEXT := driftguard.client_code();
  reason TEXT := driftguard.override_reason(code);
BEGIN
  FOR problem IN
    WITH live AS (
      SELECT u.*, to_regclass(quote_ident(u.table_schema) || '.' || quote_ident(u.table_name)) AS rel
        FROM driftguard.live_usage_by_database u WHERE u.table_catalog = current_database()),
    now_columns AS (
      SELECT a.attrelid AS rel, a.attname::TEXT AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type,
             a.attnotnull AS not_null, a.atthasdef AS has_default
        FROM pg_attribute a WHERE a.attnum > 0 AND NOT a.attisdropped)
    SELECT DISTINCT l.app, l.version, l.live_instances,
           'table ' || l.table_schema || '.' || l.table_name || ' is gone' AS what
      FROM live l WHERE l.rel IS NULL AND l.access <> 'call'
    UNION
    SELECT l.app, l.version, l.live_instances,
           'routine ' || l.table_schema || '.' || l.table_name || ' is gone'
      FROM live l WHERE l.access = 'call'
       AND NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = l.table_schema AND p.proname = l.table_name)
    UNION
    SELECT l.app, l.version, l.live_instances,
           'column ' || l.table_schema || '.' || l.table_name || '.' || l.column_name || ' is gone'
      FROM live l WHERE l.rel IS NOT NULL AND l.column_name NOT IN ('', '*')
       AND NOT EXISTS (SELECT 1 FROM now_columns c WHERE c.rel = l.rel AND c.column_name = l.column_name)
    UNION
    SELECT l.app, l.version, l.live_instances,
           'column ' || s.table_schema || '.' || s.table_name || '.' || s.column_name || ' changed type from '
           || s.data_type || ' to ' || c.data_type
      FROM driftguard.column_snapshot s
      JOIN live l ON l.table_schema = s.table_schema AND l.table_name = s.table_name
                 AND l.column_name IN (s.column_name, '*')
      JOIN now_columns c ON c.rel = l.rel AND c.column_name = s.column_name
     WHERE c.data_type <> s.data_type AND NOT driftguard.is_widening(s.data_type, c.data_type)
    UNION
    SELECT l.app, l.version, l.live_instances,
           'column ' || l.table_schema || '.' || l.table_name || '.' || c.column_name
           || ' is now NOT NULL without a default, and this version inserts into the table without it'
      FROM live l
      JOIN now_columns c ON c.rel = l.rel AND c.not_null AND NOT c.has_default
      LEFT JOIN driftguard.column_snapshot s ON s.table_schema = l.table_schema AND s.table_name = l.table_name
                                            AND s.column_name = c.column_name
     WHERE l.access = 'write' AND l.column_name <> ''
       AND (s.column_name IS NULL OR NOT s.not_null OR s.has_default)
       AND NOT EXISTS (SELECT 1 FROM live w WHERE w.app = l.app AND w.version = l.version AND w.rel = l.rel
                          AND w.access = 'write'
                          AND (w.column_name = c.column_name OR (w.column_name = '*' AND s.column_name IS NOT NULL)))
  LOOP
    problems := problems || E'\n  ' || problem.what || ': used by ' || problem.app || ' ' || problem.version
                || ' (' || problem.live_instances || ' live instance' || CASE WHEN problem.live_instances = 1 THEN ')' ELSE 's)' END;
  END LOOP;
  IF problems <> '' THEN
    IF reason IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'ZDG01',
        MESSAGE = 'driftguard refused this statement: it would break live application versions.' || problems,
        HINT = 'Nothing was changed. Ship this change in a later release, after these versions are gone; retire a '
               || 'version that is really gone (driftguard retire); or add /* driftguard:allow reason="why" */ to run it anyway.';
    END IF;
    IF current_setting('driftguard.override_logged', true) IS DISTINCT FROM 'on' THEN
      INSERT INTO driftguard.override_log (app, version, instance_id, db_user, statement, reason)
      VALUES ('(event trigger)', NULL, NULL, current_user, code, reason);
    END IF;
  END IF;
  PERFORM set_config('driftguard.override_logged', '', true); -- the next command logs its own
  PERFORM driftguard.take_snapshot();
END
$$
-- ;;
CREATE OR REPLACE FUNCTION driftguard.check_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
  problems TEXT := '';
  problem RECORD;
  code TEXT := driftguard.client_code();
  reason TEXT := driftguard.override_reason(code);
BEGIN
  FOR problem IN
    -- address_names: {schema, relation[, column]}, {schema, routine} or {schema, table, trigger}, unquoted
    WITH dropped AS (SELECT * FROM pg_event_trigger_dropped_objects() WHERE NOT is_temporary),
    live AS (SELECT * FROM driftguard.live_usage_by_database WHERE table_catalog = current_database()),
    hit AS (
      SELECT d.object_type, d.object_identity, d.original, l.*, FALSE AS through
        FROM dropped d JOIN live l ON l.table_schema = d.address_names[1] AND l.table_name = d.address_names[2]
       WHERE (d.object_type IN ('table', 'view', 'materialized view', 'foreign table') AND l.access <> 'call')
          OR (d.object_type = 'table column' AND l.access <> 'call' AND l.column_name IN (d.address_names[3], '*'))
          OR (d.object_type IN ('function', 'procedure') AND l.access = 'call')
      UNION ALL
      -- a trigger: what live versions do through it, wherever it stands in their chain of objects
      SELECT d.object_type, d.object_identity, d.original, l.*, TRUE
        FROM dropped d JOIN live l
          ON position(' → trigger on ' || d.address_names[1] || '.' || d.address_names[2] || ' → '
                      IN ' → ' || l.via || ' → ') > 0
       WHERE d.object_type = 'trigger')
    SELECT DISTINCT object_type, object_identity, original, app, version, live_instances,
           CASE WHEN access = 'call' THEN 'calls ' || CASE WHEN through THEN table_name ELSE 'it' END
                ELSE access || 's ' || CASE WHEN through THEN table_name || '.' ELSE '' END
                     || CASE column_name WHEN '' THEN 'the table' WHEN '*' THEN 'every column' ELSE column_name END
           END || CASE WHEN via <> '' THEN ' via ' || via ELSE '' END AS what
      FROM hit
     ORDER BY original DESC, object_identity, app, version, what
  LOOP
    problems := problems || E'\n  ' || problem.object_type || ' ' || problem.object_identity
                || CASE WHEN problem.original THEN '' ELSE ' (dropped along by CASCADE)' END
                || ': ' || problem.app || ' ' || problem.version || ' (' || problem.live_instances || ' live instance'
                || CASE WHEN problem.live_instances = 1 THEN ')' ELSE 's)' END || ' ' || problem.what;
  END LOOP;
  IF problems <> '' AND reason IS NOT NULL THEN
    -- recorded here, once: check_ddl, after the command, does not see a dropped trigger
    INSERT INTO driftguard.override_log (app, version, instance_id, db_user, statement, reason)
    VALUES ('(event trigger)', NULL, NULL, current_user, code, reason);
    PERFORM set_config('driftguard.override_logged', 'on', true);
  ELSIF problems <> '' THEN
    RAISE EXCEPTION USING ERRCODE = 'ZDG01',
      MESSAGE = 'driftguard refused this statement: it would drop what live application versions use.' || problems,
      HINT = 'Nothing was changed. Ship this change in a later release, after these versions are gone; retire a '
             || 'version that is really gone (driftguard retire); or add /* driftguard:allow reason="why" */ to run it anyway.';
  END IF;
END
$$
-- ;;
SELECT driftguard.take_snapshot()
-- ;;
DROP EVENT TRIGGER IF EXISTS driftguard_guard
-- ;;
CREATE EVENT TRIGGER driftguard_guard ON ddl_command_end EXECUTE FUNCTION driftguard.check_ddl()
-- ;;
DROP EVENT TRIGGER IF EXISTS driftguard_drop_guard
-- ;;
CREATE EVENT TRIGGER driftguard_drop_guard ON sql_drop EXECUTE FUNCTION driftguard.check_drop()
