package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.Excerpt;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.ColumnUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The read side of the registry: every query the guard, {@code status}, {@code precheck} and the reports make of
 * driftguard's tables, each bounded by the registry's timeout. Times are the registry database's clock, in UTC.
 * The write side is {@link Registry}; nothing else sends SQL to these tables.
 */
public final class RegistryReader {

    private final RegistryDialect sql;
    private final int timeoutSeconds;

    RegistryReader(RegistryDialect sql, int timeoutSeconds) {
        this.sql = sql;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The registry database's clock now, read the way the registry writes its times: MariaDB's CURRENT_TIMESTAMP
     * has whole seconds, so a version started a moment ago would otherwise look as if it started in the future.
     */
    public OffsetDateTime now(Connection connection) throws SQLException {
        try (Statement statement = statement(connection);
             ResultSet rows = statement.executeQuery("SELECT " + sql.now())) {
            rows.next();
            return timestamp(rows, 1);
        }
    }

    /** Every instance the registry knows, live ones first, then by app, version and id. */
    public List<InstanceStatus> instances(Connection connection) throws SQLException {
        List<InstanceStatus> instances = new ArrayList<>();
        try (Statement statement = statement(connection);
             ResultSet rows = statement.executeQuery("SELECT app, version, instance_id, host, pid, started_at, last_heartbeat,"
                     + " CASE WHEN stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS live FROM "
                     + sql.name("instance") + " ORDER BY live DESC, app, version, instance_id")) {
            while (rows.next()) {
                instances.add(new InstanceStatus(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getLong(5), timestamp(rows, 6), timestamp(rows, 7), rows.getInt(8) == 1));
            }
        }
        return instances;
    }

    /** Each version's instances summed up: first start, last heartbeat, how many are live, recorded shapes. */
    public List<VersionActivity> versions(Connection connection) throws SQLException {
        List<VersionActivity> versions = new ArrayList<>();
        try (Statement statement = statement(connection);
             ResultSet rows = statement.executeQuery("SELECT app, version, MIN(started_at), MAX(last_heartbeat),"
                     + " SUM(CASE WHEN stopped_at IS NULL AND expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END),"
                     + " MAX(statement_shapes) FROM " + sql.name("instance") + " GROUP BY app, version")) {
            while (rows.next()) {
                long shapes = rows.getLong(6);
                versions.add(new VersionActivity(rows.getString(1), rows.getString(2), timestamp(rows, 3),
                        timestamp(rows, 4), rows.getInt(5), rows.wasNull() ? null : shapes));
            }
        }
        return versions;
    }

    /**
     * Every recorded column use in the database named {@code catalog}, of live and stopped versions alike. Calls of
     * routines are not columns and are left out: the guard and {@code live_usage} know them.
     */
    public List<RecordedUse> columnUses(Connection connection, String catalog) throws SQLException {
        List<RecordedUse> uses = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, "SELECT app, version, table_schema, table_name,"
                + " column_name, access, first_seen, last_seen, use_count, via FROM " + sql.name("column_usage")
                + " WHERE table_catalog = ? AND access <> 'call'")) {
            query.setString(1, catalog);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    uses.add(new RecordedUse(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(10), timestamp(rows, 7),
                            timestamp(rows, 8), rows.getLong(9)));
                }
            }
        }
        return uses;
    }

    /** Drift incidents in the database named {@code catalog}, counted per kind, version and target, newest first. */
    public List<IncidentCount> incidents(Connection connection, String catalog) throws SQLException {
        List<IncidentCount> incidents = new ArrayList<>();
        try (PreparedStatement query = prepare(connection, "SELECT app, version, kind, table_schema, table_name,"
                + " column_name, COUNT(*), MIN(at), MAX(at) AS last_at FROM " + sql.name("drift_incident")
                + " WHERE table_catalog = ? GROUP BY app, version, kind, table_schema, table_name, column_name"
                + " ORDER BY last_at DESC, app, version")) {
            query.setString(1, catalog);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    incidents.add(new IncidentCount(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getLong(7), timestamp(rows, 8),
                            timestamp(rows, 9)));
                }
            }
        }
        return incidents;
    }

    /** The {@code limit} most recent overrides, newest first. */
    public List<OverrideEntry> overrides(Connection connection, int limit) throws SQLException {
        List<OverrideEntry> overrides = new ArrayList<>();
        try (Statement statement = statement(connection)) {
            statement.setMaxRows(limit);
            try (ResultSet rows = statement.executeQuery("SELECT at, app, version, db_user, reason, statement FROM "
                    + sql.name("override_log") + " ORDER BY at DESC")) {
                while (rows.next()) {
                    overrides.add(new OverrideEntry(timestamp(rows, 1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return overrides;
    }

    /** The most recent overrides, newest first, as {@code when — app version (user): reason — statement}. */
    public List<String> recentOverrides(Connection connection, int limit) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (OverrideEntry override : overrides(connection, limit)) {
            lines.add(override.at.toLocalDateTime().withNano(0) + " UTC  " + override.app + " " + override.version
                    + " (" + override.user + "): \"" + override.reason + "\" — " + Excerpt.of(override.statement));
        }
        return lines;
    }

    /**
     * What live versions use of one table of the database named {@code catalog}, or of every table in the schema
     * when {@code table} is null (then each use's column reads {@code table.column}), in a registry of schema
     * version {@code registrySchema}.
     */
    public List<LiveUse> liveUsesOf(Connection connection, int registrySchema, String catalog, String schema,
                                    String table) throws SQLException {
        List<LiveUse> uses = new ArrayList<>();
        boolean via = registrySchema >= RegistryDialect.VIA_SINCE;
        try (PreparedStatement query = prepare(connection, "SELECT app, version, table_name, column_name, access,"
                + " live_instances, last_seen, " + (via ? "via" : "''") + ", " + source(registrySchema) + " FROM "
                + sql.name("live_usage_by_database")
                + " WHERE table_catalog = ? AND table_schema = ?" + (table == null ? "" : " AND table_name = ?")
                + " ORDER BY app, version, table_name, column_name")) {
            query.setString(1, catalog);
            query.setString(2, schema == null ? "" : UsageKey.stored(schema));
            if (table != null) {
                query.setString(3, UsageKey.stored(table));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String column = table == null ? rows.getString(3) + "." + rows.getString(4) : rows.getString(4);
                    uses.add(new LiveUse(rows.getString(1), rows.getString(2), column, Access.stored(rows.getString(5)),
                            rows.getInt(6), timestamp(rows, 7), rows.getString(8), LiveUse.Source.stored(rows.getString(9))));
                }
            }
        }
        return uses;
    }

    /**
     * What live versions reach through {@code object} ({@code trigger on public.product}) in the database named
     * {@code catalog}, wherever it stands in their chain; each use's column reads {@code table.column}. Empty
     * in a registry older than schema version 6 ({@code registrySchema}), which first kept what uses are
     * reached through.
     */
    public List<LiveUse> liveUsesThrough(Connection connection, int registrySchema, String catalog, String object)
            throws SQLException {
        List<LiveUse> uses = new ArrayList<>();
        if (registrySchema < RegistryDialect.VIA_SINCE) {
            return uses;
        }
        String via = UsageKey.stored(object).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        try (PreparedStatement query = prepare(connection, "SELECT app, version, table_name, column_name, access,"
                + " live_instances, last_seen, via, " + source(registrySchema) + " FROM " + sql.name("live_usage_by_database")
                + " WHERE table_catalog = ? AND (via LIKE ? ESCAPE '!' OR via LIKE ? ESCAPE '!' OR via LIKE ? ESCAPE '!'"
                + " OR via LIKE ? ESCAPE '!') ORDER BY app, version, table_name, column_name")) {
            query.setString(1, catalog);
            query.setString(2, via);
            query.setString(3, via + " → %");
            query.setString(4, "% → " + via);
            query.setString(5, "% → " + via + " → %");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    uses.add(new LiveUse(rows.getString(1), rows.getString(2), rows.getString(3) + "." + rows.getString(4),
                            Access.stored(rows.getString(5)), rows.getInt(6), timestamp(rows, 7), rows.getString(8),
                            LiveUse.Source.stored(rows.getString(9))));
                }
            }
        }
        return uses;
    }

    /**
     * What versions declared in the database named {@code catalog} ({@code declare}), live or not, by app and
     * version, each with when it was declared; empty in a registry older than schema version 7 ({@code
     * registrySchema}).
     */
    public List<DeclaredVersion> declarations(Connection connection, int registrySchema, String catalog)
            throws SQLException {
        List<DeclaredVersion> declarations = new ArrayList<>();
        if (registrySchema < RegistryDialect.DECLARED_SINCE) {
            return declarations;
        }
        try (PreparedStatement query = prepare(connection, "SELECT app, version, table_schema, table_name, column_name,"
                + " access, via, declared_at FROM " + sql.name("declared_usage") + " WHERE table_catalog = ?"
                + " ORDER BY app, version")) {
            query.setString(1, catalog);
            try (ResultSet rows = query.executeQuery()) {
                String app = null;
                String version = null;
                OffsetDateTime declaredAt = null;
                java.util.Set<ColumnUse> uses = new java.util.HashSet<>();
                while (rows.next()) {
                    if (app != null && (!app.equals(rows.getString(1)) || !version.equals(rows.getString(2)))) {
                        declarations.add(new DeclaredVersion(app, version, uses, declaredAt));
                        uses = new java.util.HashSet<>();
                        declaredAt = null;
                    }
                    app = rows.getString(1);
                    version = rows.getString(2);
                    OffsetDateTime at = timestamp(rows, 8);
                    declaredAt = declaredAt == null || at.isAfter(declaredAt) ? at : declaredAt;
                    uses.add(ColumnUse.reached(rows.getString(3), rows.getString(4), rows.getString(5),
                            Access.stored(rows.getString(6)), rows.getString(7)));
                }
                if (app != null) {
                    declarations.add(new DeclaredVersion(app, version, uses, declaredAt));
                }
            }
        }
        return declarations;
    }

    /**
     * How many uses each version declared, in every database, keyed {@code app + " " + version}; empty in a registry
     * older than schema version 7 ({@code registrySchema}).
     */
    public java.util.Map<String, Integer> declaredCounts(Connection connection, int registrySchema) throws SQLException {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        if (registrySchema < RegistryDialect.DECLARED_SINCE) {
            return counts;
        }
        try (Statement statement = statement(connection);
             ResultSet rows = statement.executeQuery("SELECT app, version, COUNT(*) FROM " + sql.name("declared_usage")
                     + " GROUP BY app, version")) {
            while (rows.next()) {
                counts.put(rows.getString(1) + " " + rows.getString(2), rows.getInt(3));
            }
        }
        return counts;
    }

    /** The live views' {@code source} column, or what every use was before schema version 7 had one. */
    private static String source(int registrySchema) {
        return registrySchema >= RegistryDialect.DECLARED_SINCE ? "source" : "'observed'";
    }

    private PreparedStatement prepare(Connection connection, String text) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    private Statement statement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    /** As an instant in UTC; the value itself is the registry database's clock. */
    private static OffsetDateTime timestamp(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant().atOffset(ZoneOffset.UTC);
    }
}
