@dialect postgres
# What tools, pools and migration tools run on their own: catalogs and driftguard's registry are never recorded.

SELECT relname FROM pg_catalog.pg_class WHERE relkind = 'r'
=> none

SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
=> none

SELECT current_schema()
=> none

SELECT version()
=> none

SELECT 1
=> none

SELECT n.nspname, c.relname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid
=> none

SELECT app, version, live_instances FROM driftguard.live_usage WHERE table_name = 'product'
=> none

SELECT pg_advisory_lock(?)
=> none

SET search_path TO public
=> none

SHOW server_version
=> none

SELECT setting FROM pg_settings WHERE name = 'max_connections'
=> none
