package dev.driftguard.internal.sql;

import java.util.Map;

/** What the database says about its tables, for resolving unqualified names. */
public interface Catalog {

    /** No catalog: names are resolved by SQL rules alone. */
    Catalog NONE = new Catalog() {
        @Override
        public String schemaOf(String table) {
            return null;
        }

        @Override
        public Map<String, String> columns(String schema, String table) {
            return null;
        }
    };

    /** The schema an unqualified {@code table} resolves to (search path, current database), or null if unknown. */
    String schemaOf(String table);

    /**
     * Every schema an unqualified {@code table} may be in: the one it resolves to; or, when no schema on the
     * path has it (a table created since, one this user cannot see), each schema on the path, since any of them
     * may be where it is. Empty when unknown.
     */
    default java.util.List<String> schemasOf(String table) {
        String schema = schemaOf(table);
        return schema == null ? java.util.List.of() : java.util.List.of(schema);
    }

    /**
     * The columns of {@code schema.table}, keyed by lower-case name with the catalog's spelling as value; null when
     * the table is unknown.
     */
    Map<String, String> columns(String schema, String table);

    /** The column's type as the catalog states it ({@code int4}, {@code varchar(40)}), or null when unknown. */
    default String columnType(String schema, String table, String column) {
        return null;
    }

    /** Whether the column accepts NULL: true, false, or null when unknown. */
    default Boolean nullable(String schema, String table, String column) {
        return null;
    }

    /** The user driftguard's own connections log in as, or null when unknown. */
    default String userName() {
        return null;
    }

    /** The database's own name ({@code Connection.getCatalog()}), or null when it cannot be learned now. */
    default String databaseName() {
        return null;
    }

    /**
     * This catalog as a session sees it that resolves unqualified names in {@code path} ({@code SET search_path},
     * {@code USE}): the first schema on the path that has the table. A table on none of them is placed in the
     * path's first schema, where the session would create it, never in one it did not name. PostgreSQL's
     * {@code $user} entry stands for the schema named after the connection's user.
     */
    default Catalog onPath(java.util.List<String> given) {
        Catalog catalog = this;
        java.util.List<String> path = new java.util.ArrayList<>();
        for (String schema : given) {
            String user = schema.equals("$user") ? catalog.userName() : schema;
            if (user != null) {
                path.add(user);
            }
        }
        return new Catalog() {
            @Override
            public String schemaOf(String table) {
                String first = null;
                for (String schema : path) {
                    first = first == null ? schema : first;
                    if (catalog.columns(schema, table) != null) {
                        return schema;
                    }
                }
                return first;
            }

            @Override
            public java.util.List<String> schemasOf(String table) {
                for (String schema : path) {
                    if (catalog.columns(schema, table) != null) {
                        return java.util.List.of(schema);
                    }
                }
                return java.util.List.copyOf(path);
            }

            @Override
            public Map<String, String> columns(String schema, String table) {
                return catalog.columns(schema, table);
            }

            @Override
            public String columnType(String schema, String table, String column) {
                return catalog.columnType(schema, table, column);
            }

            @Override
            public Boolean nullable(String schema, String table, String column) {
                return catalog.nullable(schema, table, column);
            }

            @Override
            public String databaseName() {
                return catalog.databaseName();
            }

            @Override
            public String userName() {
                return catalog.userName();
            }

            @Override
            public java.util.List<RoutineBody> viewBodies(String schema, String name) {
                return catalog.viewBodies(schema, name);
            }

            @Override
            public java.util.List<RoutineBody> triggerBodies(String schema, String table) {
                return catalog.triggerBodies(schema, table);
            }

            @Override
            public java.util.List<RoutineBody> routineBodies(String schema, String name) {
                if (schema != null) {
                    return catalog.routineBodies(schema, name);
                }
                for (String each : path) {
                    java.util.List<RoutineBody> bodies = catalog.routineBodies(each, name);
                    if (!bodies.isEmpty()) {
                        return bodies;
                    }
                }
                return java.util.List.of();
            }

            @Override
            public java.util.List<String[]> dependentViews(String schema, String table, String column) {
                return catalog.dependentViews(schema, table, column);
            }

            @Override
            public Integer routineParameters(String schema, String name) {
                return catalog.routineParameters(schema, name);
            }

            @Override
            public String[] triggerTable(String schema, String name) {
                return catalog.triggerTable(schema != null || path.isEmpty() ? schema : path.get(0), name);
            }

            @Override
            public java.util.List<String[]> dependentRoutines(String schema, String table, String column) {
                return catalog.dependentRoutines(schema, table, column);
            }

            @Override
            public java.util.List<String> generatedFrom(String schema, String table, String column) {
                return catalog.generatedFrom(schema, table, column);
            }

            @Override
            public void invalidate() {
                catalog.invalidate();
            }

            @Override
            public void release() {
                catalog.release();
            }
        };
    }

    /**
     * The bodies of the routines (every overload) named {@code name} in {@code schema}, or, when schema is null,
     * in the first schema on the search path that has one. Bodies whose dependencies the database does not track
     * itself are read (PostgreSQL {@code LANGUAGE sql} string bodies and PL/pgSQL; MariaDB/MySQL routines), every
     * other routine is {@link RoutineBody.Language#OPAQUE}. Empty for built-ins and unknown names.
     */
    default java.util.List<RoutineBody> routineBodies(String schema, String name) {
        return java.util.List.of();
    }

    /**
     * The defining query of {@code schema.name} when it is a view or materialized view (PostgreSQL
     * {@code pg_get_viewdef}, MariaDB/MySQL {@code information_schema.VIEWS}); empty for tables.
     */
    default java.util.List<RoutineBody> viewBodies(String schema, String name) {
        return java.util.List.of();
    }

    /** The bodies of the triggers a write to {@code schema.table} fires (PostgreSQL: their functions'). */
    default java.util.List<RoutineBody> triggerBodies(String schema, String table) {
        return java.util.List.of();
    }

    /**
     * The views (and materialized views) that depend on {@code schema.table} — on its column {@code column}
     * when not null — directly or through other views, each as {schema, name}; empty when unknown.
     */
    default java.util.List<String[]> dependentViews(String schema, String table, String column) {
        return java.util.List.of();
    }

    /** How many parameters routine {@code schema.name} has now; null when there is no such routine or it is unknown. */
    default Integer routineParameters(String schema, String name) {
        return null;
    }

    /**
     * The table trigger {@code name} of {@code schema} (null: the session's) is on, as {schema, table}; null when
     * there is no such trigger or it cannot be known (MariaDB/MySQL, whose {@code DROP TRIGGER} does not say).
     */
    default String[] triggerTable(String schema, String name) {
        return null;
    }

    /**
     * The routines whose bodies the database tracks (PostgreSQL {@code BEGIN ATOMIC}) that read {@code schema.table}
     * — its column {@code column} when not null — or a view that a drop of it with {@code CASCADE} takes along,
     * each as {schema, name}; empty when there are none, null when unknown now.
     */
    default java.util.List<String[]> dependentRoutines(String schema, String table, String column) {
        return java.util.List.of();
    }

    /**
     * The generated columns of {@code schema.table} computed from its column {@code column}, which a drop of it
     * with {@code CASCADE} takes along (PostgreSQL); empty when there are none, null when unknown now.
     */
    default java.util.List<String> generatedFrom(String schema, String table, String column) {
        return java.util.List.of();
    }

    /** Forgets what it knows, after DDL changed the schema. */
    default void invalidate() {
    }

    /** Lets go of what a burst of lookups kept open (a connection); the next lookup opens anew. */
    default void release() {
    }
}
