package dev.driftguard.internal.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.base.Log;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The live catalog, read through {@link DatabaseMetaData} on a short-lived connection of driftguard's own (never
 * the application's), cached. Used only off the application's threads: the parser thread and the command line.
 */
public final class JdbcCatalog implements Catalog {

    private static final Log LOG = Log.of(JdbcCatalog.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    /** Units of 1,024 characters of body text the body cache holds. */
    private static final int BODY_TEXT_UNITS = 4_096;

    private final ConnectionSource source;
    private final Dialect dialect;
    private final Cache<String, Optional<Map<String, String>>> columns =
            Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    /**
     * Bodies of routines, triggers and views, bounded by their text (about 8 MB of it), not their number: a shop
     * with large legacy procedures must not fill the heap with them.
     */
    private final Cache<String, List<RoutineBody>> routines = Caffeine.newBuilder()
            .maximumWeight(BODY_TEXT_UNITS)
            .<String, List<RoutineBody>>weigher((key, bodies) ->
                    1 + bodies.stream().mapToInt(body -> body.text().length()).sum() / 1_024)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private List<String> searchPath;
    /** Kept between {@link #open()} and {@link #release()}; guarded by this. */
    private Connection held;
    private String databaseName;
    private String userName;
    private long failedAt;

    /** A catalog of the database {@code source} connects to. */
    public JdbcCatalog(ConnectionSource source, Dialect dialect) {
        this.source = source;
        this.dialect = dialect;
    }

    @Override
    public synchronized String schemaOf(String table) {
        List<String> path = searchPath();
        for (String schema : path) {
            if (columns(schema, table) != null) {
                return schema;
            }
        }
        return path.isEmpty() ? null : path.get(0);
    }

    @Override
    public synchronized List<String> schemasOf(String table) {
        List<String> path = searchPath();
        for (String schema : path) {
            if (columns(schema, table) != null) {
                return List.of(schema);
            }
        }
        return List.copyOf(path);
    }

    @Override
    public Map<String, String> columns(String schema, String table) {
        String key = schema + "\u0000" + table;
        Optional<Map<String, String>> cached = columns.getIfPresent(key);
        if (cached == null) {
            synchronized (this) {
                cached = onConnection(null, own -> Optional.ofNullable(read(own, schema, table)));
                if (cached == null) {
                    return null;
                }
                columns.put(key, cached);
            }
        }
        return cached.orElse(null);
    }

    /** Read fresh every time: it is asked only while a DDL statement is being checked. */
    @Override
    public String columnType(String schema, String table, String column) {
        String[] facts = columnFacts(schema, table, column);
        return facts == null ? null : facts[0];
    }

    @Override
    public Boolean nullable(String schema, String table, String column) {
        String[] facts = columnFacts(schema, table, column);
        return facts == null || facts[1] == null ? null : !"NO".equals(facts[1]);
    }

    /** Type and IS_NULLABLE of one column, read fresh, or null when unknown. */
    private String[] columnFacts(String schema, String table, String column) {
        return onConnection(null, own -> {
            String[] facts = describe(own, schema, table).get(column.toLowerCase(Locale.ROOT));
            return facts == null ? null : new String[] {facts[1], facts[2]};
        });
    }

    /** Learned once, with the database's name: the user this catalog's connections log in as. */
    @Override
    public synchronized String userName() {
        if (userName == null) {
            userName = onConnection(null, own -> own.getMetaData().getUserName());
        }
        return userName;
    }

    /** Learned once: a connection's database does not change. */
    @Override
    public synchronized String databaseName() {
        if (databaseName == null) {
            databaseName = onConnection(null, own -> own.getCatalog() == null ? "" : own.getCatalog());
        }
        return databaseName;
    }

    /**
     * PostgreSQL: from {@code pg_depend} through the views' rewrite rules, recursively — what {@code CASCADE}
     * drops. MariaDB/MySQL, which track no such dependency: the views whose stored definition (always fully
     * qualified there) names the table or column, recursively. Null when the catalog cannot be read now. Not
     * cached: DDL is rare, and each check must see the views as they are.
     */
    @Override
    public List<String[]> dependentViews(String schema, String table, String column) {
        if (dialect != Dialect.POSTGRES && dialect != Dialect.MYSQL) {
            return List.of();
        }
        return onConnection(null, own -> dialect == Dialect.POSTGRES
                ? postgresDependents(own, POSTGRES_DEPENDENTS, schema, table, column)
                : mysqlDependents(own, schema, table, column));
    }

    /** MariaDB/MySQL: {@code information_schema.PARAMETERS}, read fresh (asked only while DDL is checked). */
    @Override
    public Integer routineParameters(String schema, String name) {
        if (dialect != Dialect.MYSQL || schema == null) {
            return null;
        }
        return onConnection(null, own -> {
            try (java.sql.PreparedStatement query = own.prepareStatement("SELECT (SELECT COUNT(*) FROM"
                    + " information_schema.PARAMETERS p WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA"
                    + " AND p.SPECIFIC_NAME = r.ROUTINE_NAME AND p.ORDINAL_POSITION > 0)"
                    + " FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = ? AND r.ROUTINE_NAME = ?")) {
                query.setString(1, schema);
                query.setString(2, name);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? rows.getInt(1) : null;
                }
            }
        });
    }

    /** MariaDB/MySQL: {@code information_schema.TRIGGERS}, read fresh (asked only while DDL is checked). */
    @Override
    public String[] triggerTable(String schema, String name) {
        if (dialect != Dialect.MYSQL) {
            return null;
        }
        String in = schema != null ? schema : searchPath().isEmpty() ? null : searchPath().get(0);
        if (in == null) {
            return null;
        }
        return onConnection(null, own -> {
            try (java.sql.PreparedStatement query = own.prepareStatement("SELECT EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE"
                    + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?")) {
                query.setString(1, in);
                query.setString(2, name);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? new String[] {rows.getString(1), rows.getString(2)} : null;
                }
            }
        });
    }

    /** PostgreSQL records, in pg_depend, what a {@code BEGIN ATOMIC} body reads, as it does for a view. */
    @Override
    public List<String[]> dependentRoutines(String schema, String table, String column) {
        if (dialect != Dialect.POSTGRES) {
            return List.of();
        }
        return onConnection(null, own -> postgresDependents(own, POSTGRES_DEPENDENT_ROUTINES, schema, table, column));
    }

    /** PostgreSQL records, in pg_depend, a generated column's expression's dependence on each column it reads. */
    @Override
    public List<String> generatedFrom(String schema, String table, String column) {
        if (dialect != Dialect.POSTGRES) {
            return List.of();
        }
        return onConnection(null, own -> {
            List<String> generated = new ArrayList<>();
            // the generation expression (pg_attrdef) depends on each column it reads
            try (java.sql.PreparedStatement query = own.prepareStatement("SELECT g.attname FROM pg_attrdef ad"
                    + " JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid"
                    + " AND d.refclassid = 'pg_class'::regclass AND d.refobjid = ad.adrelid AND d.deptype = 'n'"
                    + " JOIN pg_attribute g ON g.attrelid = ad.adrelid AND g.attnum = ad.adnum AND g.attgenerated <> ''"
                    + " JOIN pg_attribute b ON b.attrelid = d.refobjid AND b.attnum = d.refobjsubid"
                    + " JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ? AND b.attname = ? ORDER BY 1")) {
                query.setString(1, schema);
                query.setString(2, table);
                query.setString(3, column);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        generated.add(rows.getString(1));
                    }
                }
            }
            return generated;
        });
    }

    /** The target, and the views over it, transitively: what {@code CASCADE} drops before what depends on them. */
    private static final String POSTGRES_DEPENDENT_RELATIONS = "WITH RECURSIVE target AS ("
            + " SELECT c.oid AS relid, a.attnum FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = ? AND ? IS NOT NULL"
            + " WHERE n.nspname = ? AND c.relname = ?),"
            + " dependent(relid, depth) AS ("
            + " SELECT DISTINCT r.ev_class, 1 FROM target t JOIN pg_depend d ON d.refobjid = t.relid"
            + " AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
            + " AND (t.attnum IS NULL OR d.refobjsubid = t.attnum)"
            + " JOIN pg_rewrite r ON r.oid = d.objid WHERE r.ev_class <> t.relid"
            + " UNION"
            + " SELECT r.ev_class, v.depth + 1 FROM dependent v JOIN pg_depend d ON d.refobjid = v.relid"
            + " AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
            + " JOIN pg_rewrite r ON r.oid = d.objid WHERE r.ev_class <> v.relid AND v.depth < 32)";

    private static final String POSTGRES_DEPENDENTS = POSTGRES_DEPENDENT_RELATIONS
            + " SELECT DISTINCT n.nspname, c.relname FROM dependent v JOIN pg_class c ON c.oid = v.relid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace ORDER BY 1, 2";

    /** Routines whose SQL-standard body reads the target or a view that goes with it. */
    private static final String POSTGRES_DEPENDENT_ROUTINES = POSTGRES_DEPENDENT_RELATIONS
            + ", rels AS (SELECT relid, attnum FROM target UNION SELECT relid, NULL::int2 FROM dependent)"
            + " SELECT DISTINCT n.nspname, p.proname FROM rels t JOIN pg_depend d ON d.refobjid = t.relid"
            + " AND d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_class'::regclass"
            + " AND (t.attnum IS NULL OR d.refobjsubid = t.attnum)"
            + " JOIN pg_proc p ON p.oid = d.objid JOIN pg_namespace n ON n.oid = p.pronamespace ORDER BY 1, 2";

    /** What {@code dependents} (one of the queries above) finds for a target: each {schema, name}. */
    private static List<String[]> postgresDependents(Connection own, String dependents, String schema, String table,
                                                     String column) throws SQLException {
        List<String[]> views = new ArrayList<>();
        try (java.sql.PreparedStatement query = own.prepareStatement(dependents)) {
            query.setString(1, column);
            query.setString(2, column);
            query.setString(3, schema);
            query.setString(4, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    views.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        return views;
    }

    private static List<String[]> mysqlDependents(Connection own, String schema, String table, String column)
            throws SQLException {
        List<String[]> views = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<String[]> targets = new java.util.ArrayDeque<>();
        targets.add(new String[] {schema, table, column});
        try (java.sql.PreparedStatement query = own.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION"
                + " FROM information_schema.VIEWS")) {
            List<String[]> all = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    all.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            while (!targets.isEmpty()) {
                String[] target = targets.poll();
                String named = "`" + target[0] + "`.`" + target[1] + "`" + (target[2] == null ? "" : ".`" + target[2] + "`");
                for (String[] view : all) {
                    if (view[2] != null && view[2].contains(named) && seen.add(view[0] + "." + view[1])) {
                        views.add(new String[] {view[0], view[1]});
                        targets.add(new String[] {view[0], view[1], null});
                    }
                }
            }
        }
        return views;
    }

    /** Read once per routine and kept for 10 minutes, or until DDL through driftguard changes the schema. */
    @Override
    public List<RoutineBody> routineBodies(String schema, String name) {
        if (dialect != Dialect.POSTGRES && dialect != Dialect.MYSQL) {
            return List.of();
        }
        if (schema == null) {
            for (String each : searchPath()) {
                List<RoutineBody> bodies = routineBodies(each, name);
                if (!bodies.isEmpty()) {
                    return bodies;
                }
            }
            return List.of();
        }
        return bodies("routine\u0000" + schema + "\u0000" + name, dialect == Dialect.POSTGRES
                // prosqlbody (BEGIN ATOMIC) bodies are tracked by PostgreSQL itself, like views: opaque here
                ? "SELECT CASE WHEN l.lanname IN ('sql', 'plpgsql') AND p.prosqlbody IS NULL THEN l.lanname"
                + " ELSE 'opaque' END, COALESCE(p.prosrc, '') FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " JOIN pg_language l ON l.oid = p.prolang WHERE n.nspname = ? AND p.proname = ?"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                // without the rights to read it, a routine's definition reads NULL: it exists all the same
                : "SELECT CASE WHEN ROUTINE_DEFINITION IS NULL THEN 'opaque' ELSE 'mysql' END,"
                + " COALESCE(ROUTINE_DEFINITION, '') FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA = ? AND ROUTINE_NAME = ?", schema, name);
    }

    @Override
    public List<RoutineBody> viewBodies(String schema, String name) {
        if (dialect != Dialect.POSTGRES && dialect != Dialect.MYSQL || schema == null) {
            return List.of();
        }
        return bodies("view\u0000" + schema + "\u0000" + name, dialect == Dialect.POSTGRES
                ? "SELECT 'sql', pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('v', 'm')"
                : "SELECT 'sql', VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                schema, name);
    }

    @Override
    public List<RoutineBody> triggerBodies(String schema, String table) {
        if (dialect != Dialect.POSTGRES && dialect != Dialect.MYSQL || schema == null) {
            return List.of();
        }
        return bodies("trigger\u0000" + schema + "\u0000" + table, dialect == Dialect.POSTGRES
                ? "SELECT l.lanname, p.prosrc FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid"
                + " JOIN pg_language l ON l.oid = p.prolang WHERE n.nspname = ? AND c.relname = ?"
                + " AND NOT t.tgisinternal AND l.lanname IN ('sql', 'plpgsql')"
                : "SELECT 'mysql', ACTION_STATEMENT FROM information_schema.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?", schema, table);
    }

    private List<RoutineBody> bodies(String key, String sql, String schema, String name) {
        List<RoutineBody> cached = routines.getIfPresent(key);
        if (cached == null) {
            synchronized (this) {
                cached = onConnection(null, own -> {
                    List<RoutineBody> found = new ArrayList<>();
                    try (java.sql.PreparedStatement query = own.prepareStatement(sql)) {
                        query.setString(1, schema);
                        query.setString(2, name);
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                if (rows.getString(2) != null) {
                                    found.add(new RoutineBody(schema, RoutineBody.Language.valueOf(
                                            rows.getString(1).toUpperCase(Locale.ROOT)), rows.getString(2)));
                                }
                            }
                        }
                    }
                    return found;
                });
                if (cached == null) {
                    return List.of();
                }
                routines.put(key, cached);
            }
        }
        return cached;
    }

    @Override
    public synchronized void invalidate() {
        columns.invalidateAll();
        routines.invalidateAll();
        searchPath = null;
    }

    private synchronized List<String> searchPath() {
        if (searchPath == null) {
            searchPath = onConnection(null, own -> sessionPath(own, dialect, 0));
        }
        return searchPath == null ? Collections.emptyList() : searchPath;
    }

    /**
     * Where {@code session} resolves unqualified names now, as its server says: PostgreSQL's existing schemas on
     * the search path, MariaDB/MySQL's current database, H2's current schema (H2 does not tell its
     * {@code SCHEMA_SEARCH_PATH}). Empty when there is none. A query waits at most {@code seconds} (0: no bound).
     */
    static List<String> sessionPath(Connection session, Dialect dialect, int seconds) throws SQLException {
        List<String> path = new ArrayList<>();
        switch (dialect) {
            case POSTGRES:
                try (Statement statement = session.createStatement()) {
                    statement.setQueryTimeout(seconds);
                    try (ResultSet rows = statement.executeQuery("SELECT unnest(current_schemas(false))")) {
                        while (rows.next()) {
                            path.add(rows.getString(1));
                        }
                    }
                }
                break;
            case MYSQL:
                if (session.getCatalog() != null) {
                    path.add(session.getCatalog());
                }
                break;
            default:
                if (session.getSchema() != null) {
                    path.add(session.getSchema());
                }
        }
        return path;
    }

    /** The table's columns, lower-case name to spelling; null when the table is unknown. */
    private Map<String, String> read(Connection own, String schema, String table) throws SQLException {
        Map<String, String> spelled = new LinkedHashMap<>();
        describe(own, schema, table).forEach((lower, facts) -> spelled.put(lower, facts[0]));
        return spelled.isEmpty() ? null : Collections.unmodifiableMap(spelled);
    }

    /** Per column (lower-case name): spelling, type (with length for character types), IS_NULLABLE. */
    private Map<String, String[]> describe(Connection own, String schema, String table) throws SQLException {
        DatabaseMetaData meta = own.getMetaData();
        String escape = meta.getSearchStringEscape();
        boolean byCatalog = dialect == Dialect.MYSQL;
        Map<String, String[]> columns = new LinkedHashMap<>();
        try (ResultSet rows = meta.getColumns(byCatalog ? schema : null, byCatalog ? null : escapePattern(schema, escape),
                escapePattern(table, escape), "%")) {
            while (rows.next()) {
                // patterns may still match more than the one table on some drivers
                if (table.equals(rows.getString("TABLE_NAME"))) {
                    String name = rows.getString("COLUMN_NAME");
                    columns.put(name.toLowerCase(Locale.ROOT),
                            new String[] {name, type(rows), rows.getString("IS_NULLABLE")});
                }
            }
        }
        return columns;
    }

    /** The type of the current {@link DatabaseMetaData#getColumns} row, with the length of character types. */
    public static String type(ResultSet columnRow) throws SQLException {
        String type = columnRow.getString("TYPE_NAME");
        int size = columnRow.getInt("COLUMN_SIZE");
        boolean sized = type.toLowerCase(Locale.ROOT).contains("char") && size > 0 && size < Integer.MAX_VALUE;
        return sized ? type + "(" + size + ")" : type;
    }

    private static String escapePattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /** One lookup on the catalog's connection: what it reads, or {@code unknown} while the database cannot be read. */
    private interface Lookup<T> {
        T on(Connection own) throws SQLException;
    }

    private synchronized <T> T onConnection(T unknown, Lookup<T> lookup) {
        Connection own = open();
        if (own == null) {
            return unknown;
        }
        try {
            return lookup.on(own);
        } catch (SQLException e) {
            failed(e);
            return unknown;
        }
    }

    /**
     * The connection for a lookup, or null while the database is unreachable (retried after a pause). One is
     * opened for a burst of lookups (a new application's first statements, a DDL check) and kept until
     * {@link #release()}: opening one per lookup cost 30 ms each (docs/benchmarks.md). Only under the lock.
     */
    private Connection open() {
        if (held == null) {
            if (failedAt != 0 && System.nanoTime() - failedAt < RETRY_AFTER_FAILURE.toNanos()) {
                return null;
            }
            try {
                held = source.open();
                failedAt = 0;
            } catch (SQLException | RuntimeException e) {
                failed(e);
            }
        }
        return held;
    }

    /** Closes the connection kept for a burst of lookups; the next lookup opens a new one. */
    @Override
    public synchronized void release() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException ignored) {
                // it is let go either way
            }
            held = null;
        }
    }

    private void failed(Exception e) {
        release(); // a connection that failed a lookup is not kept for the next
        if (failedAt == 0) {
            LOG.warn("driftguard: cannot read the database catalog ({}); unqualified columns in multi-table "
                    + "statements are attributed to every candidate table until it can. Retrying in {} s.",
                    e.getMessage(), RETRY_AFTER_FAILURE.getSeconds());
        }
        failedAt = System.nanoTime();
    }
}
