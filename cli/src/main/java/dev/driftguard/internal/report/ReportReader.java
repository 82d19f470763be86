package dev.driftguard.internal.report;

import dev.driftguard.internal.registry.DeclaredVersion;
import dev.driftguard.internal.registry.IncidentCount;
import dev.driftguard.internal.registry.OverrideEntry;
import dev.driftguard.internal.registry.RecordedUse;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.registry.RegistryReader;
import dev.driftguard.internal.registry.VersionActivity;
import dev.driftguard.internal.report.Report.Candidate;
import dev.driftguard.internal.report.Report.Column;
import dev.driftguard.internal.report.Report.Use;
import dev.driftguard.internal.report.Report.Version;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Report}: reads the registry (instances, usage, incidents, overrides) and the live catalog, then
 * joins them. Times are the registry database's clock.
 */
final class ReportReader {

    /** Catalog table types that hold application data; system tables and temporary ones are left out. */
    private static final Set<String> TABLE_TYPES = Set.of("TABLE", "BASE TABLE", "VIEW", "PARTITIONED TABLE",
            "MATERIALIZED VIEW", "FOREIGN TABLE");
    private static final int MAX_OVERRIDES = 50;

    private final Connection database;
    private final Connection registry;
    private final Registry names;
    private final RegistryReader reader;
    private final Progress progress;

    /** Keyed {@code app\0version}. */
    private final Map<String, VersionRow> versionRows = new LinkedHashMap<>();
    /** Keyed {@code schema\0table\0column}, catalog order. */
    private final Map<String, CatalogColumn> catalog = new LinkedHashMap<>();
    private final Set<String> catalogTables = new HashSet<>();
    /** Keyed like {@link #catalog}, then by {@code app\0version}. */
    private final Map<String, Map<String, UseRow>> usage = new HashMap<>();
    /** {@code app\0version} of every version that used this database, or declared that it does. */
    private final Set<String> usingThisDatabase = new HashSet<>();
    /** What versions declared ({@code declare}), keyed {@code app\0version}. */
    private final Map<String, DeclaredVersion> declarations = new HashMap<>();
    /** Keyed like {@link #catalog}: the {@code app\0version} of every version that declared the use. */
    private final Map<String, Set<String>> declaredBy = new HashMap<>();

    ReportReader(Connection database, Connection registry, String registryUrl, Progress progress) {
        this.database = database;
        this.registry = registry;
        this.names = Registry.forUrl(registryUrl);
        this.reader = names.reader();
        this.progress = progress;
    }

    Report read() throws SQLException {
        progress.step("reading the registry");
        int found = names.version(registry);
        if (found < Registry.currentVersion()) {
            throw new SQLException(found == 0 ? "there is no driftguard registry here"
                    : "the registry has schema version " + found + ", this driftguard reads version "
                    + Registry.currentVersion() + "; run 'driftguard install' to upgrade it (every row is kept)");
        }
        String databaseName = database.getCatalog() == null ? "" : database.getCatalog();
        OffsetDateTime now = reader.now(registry);
        readVersions();
        readUsage(databaseName);
        readDeclarations(found, databaseName);
        List<IncidentCount> incidents = reader.incidents(registry, databaseName);
        List<OverrideEntry> overrides = reader.overrides(registry, MAX_OVERRIDES);
        progress.step("reading the catalog of " + databaseName);
        readCatalog();
        progress.step("joining usage with the catalog");
        List<Column> columns = columns();
        List<Version> versions = versions(columns, incidents);
        return new Report(now, databaseName, observedSince(databaseName), incidents, versions, columns,
                dropCandidates(), overrides);
    }

    private void readVersions() throws SQLException {
        for (VersionActivity row : reader.versions(registry)) {
            versionRows.put(key(row.app, row.version), new VersionRow(row.app, row.version, row.firstStarted,
                    row.lastHeartbeat, row.liveInstances, row.shapes));
        }
    }

    private void readUsage(String databaseName) throws SQLException {
        for (RecordedUse use : reader.columnUses(registry, databaseName)) {
            versionRows.computeIfAbsent(key(use.app, use.version),
                    k -> new VersionRow(use.app, use.version, null, null, 0, null)); // instances pruned, usage kept
            usingThisDatabase.add(key(use.app, use.version));
            usage.computeIfAbsent(key(use.schema, use.table, use.column), k -> new HashMap<>())
                    .computeIfAbsent(key(use.app, use.version), k -> new UseRow(use.app, use.version))
                    .add(use.access.label(), use.via, use.firstSeen, use.lastSeen, use.count);
        }
    }

    /** Declared usage counts like observed usage, as it does for the guard; calls are not columns, as above. */
    private void readDeclarations(int registrySchema, String databaseName) throws SQLException {
        for (DeclaredVersion declared : reader.declarations(registry, registrySchema, databaseName)) {
            String versionKey = key(declared.app(), declared.version());
            versionRows.computeIfAbsent(versionKey, k -> new VersionRow(declared.app(), declared.version(), null, null,
                    0, null)); // declared before it started, or its instances pruned
            usingThisDatabase.add(versionKey);
            declarations.put(versionKey, declared);
            for (ColumnUse use : declared.uses()) {
                if (use.access() != Access.CALL) {
                    declaredBy.computeIfAbsent(key(use.schema(), use.table(), use.column()), k -> new TreeSet<>())
                            .add(versionKey);
                }
            }
        }
    }

    /** When the first instance of a version that used this database registered. */
    private OffsetDateTime observedSince(String databaseName) {
        OffsetDateTime since = null;
        for (VersionRow row : versionRows.values()) {
            if (row.firstStarted != null && usedThisDatabase(row) && (since == null || row.firstStarted.isBefore(since))) {
                since = row.firstStarted;
            }
        }
        return since;
    }

    private boolean usedThisDatabase(VersionRow version) {
        return usingThisDatabase.contains(key(version.app, version.version));
    }

    private void readCatalog() throws SQLException {
        DatabaseMetaData meta = database.getMetaData();
        Dialect dialect = Dialect.ofUrl(meta.getURL());
        boolean byCatalog = dialect == Dialect.MYSQL;
        String current = byCatalog ? database.getCatalog() : null;
        try (ResultSet tables = meta.getTables(current, null, "%", null)) {
            while (tables.next()) {
                String schema = byCatalog ? tables.getString("TABLE_CAT") : tables.getString("TABLE_SCHEM");
                String table = tables.getString("TABLE_NAME");
                String type = tables.getString("TABLE_TYPE");
                if (type != null && TABLE_TYPES.contains(type) && !dialect.isSystem(schema, table)) {
                    catalogTables.add(key(schema, table));
                }
            }
        }
        try (ResultSet columns = meta.getColumns(current, null, "%", "%")) {
            while (columns.next()) {
                String schema = byCatalog ? columns.getString("TABLE_CAT") : columns.getString("TABLE_SCHEM");
                String table = columns.getString("TABLE_NAME");
                if (catalogTables.contains(key(schema, table))) {
                    String column = columns.getString("COLUMN_NAME");
                    catalog.put(key(schema, table, column), new CatalogColumn(schema, table, column,
                            JdbcCatalog.type(columns), !"NO".equals(columns.getString("IS_NULLABLE"))));
                }
            }
        }
    }

    /** Every catalog column with its uses, then what was used but is not in the catalog, by table. */
    private List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<String, CatalogColumn> entry : catalog.entrySet()) {
            CatalogColumn c = entry.getValue();
            columns.add(new Column(c.schema, c.table, c.column, c.type, c.nullable, true, uses(entry.getKey()),
                    declaredBy(entry.getKey())));
        }
        Set<String> usedKeys = new TreeSet<>(usage.keySet());
        usedKeys.addAll(declaredBy.keySet());
        for (String usedKey : usedKeys) {
            if (catalog.containsKey(usedKey)) {
                continue;
            }
            String[] name = usedKey.split("\u0000", -1);
            boolean tableLevel = name[2].equals(ColumnUse.ALL) || name[2].equals(ColumnUse.TABLE);
            boolean inSchema = tableLevel && catalogTables.contains(key(name[0], name[1]));
            columns.add(new Column(name[0], name[1], name[2], null, null, inSchema, uses(usedKey), declaredBy(usedKey)));
        }
        columns.sort(Comparator.comparing((Column c) -> c.schema).thenComparing(c -> c.table));
        return columns;
    }

    private List<Use> uses(String columnKey) {
        List<Use> uses = new ArrayList<>();
        for (UseRow row : usage.getOrDefault(columnKey, Map.of()).values()) {
            uses.add(new Use(row.app, row.version, live(row.app, row.version), row.access, row.firstSeen, row.lastSeen,
                    row.count, List.copyOf(row.via)));
        }
        uses.sort(Comparator.comparing((Use use) -> use.app).thenComparing(use -> firstStarted(use.app, use.version)));
        return uses;
    }

    /** The versions that declared a use, as {@code app version}. */
    private List<String> declaredBy(String columnKey) {
        List<String> versions = new ArrayList<>();
        for (String versionKey : declaredBy.getOrDefault(columnKey, Set.of())) {
            versions.add(versionKey.replace('\u0000', ' '));
        }
        return versions;
    }

    /** Every version, live ones first, then by application and start; readiness worked out for each. */
    private List<Version> versions(List<Column> columns, List<IncidentCount> incidents) {
        Map<String, VersionRow> newest = newestPerApp();
        Map<String, List<String>> missing = new HashMap<>();
        Map<String, List<String>> pending = new HashMap<>();
        for (Column column : columns) {
            boolean particular = !column.column.isEmpty() && !column.column.equals(ColumnUse.ALL);
            String name = Report.qualified(column.schema, column.table, particular ? column.column : null);
            Set<String> users = new TreeSet<>(declaredBy.getOrDefault(key(column.schema, column.table, column.column),
                    Set.of()));
            column.uses.forEach(use -> users.add(key(use.app, use.version)));
            for (String versionKey : users) {
                VersionRow newestOfApp = newest.get(versionRows.get(versionKey).app);
                if (!column.inSchema) {
                    missing.computeIfAbsent(versionKey, k -> new ArrayList<>()).add(name);
                } else if (particular && newestOfApp != null && !versionKey.equals(key(newestOfApp.app, newestOfApp.version))
                        && !uses(newestOfApp, column.schema, column.table, column.column)) {
                    pending.computeIfAbsent(versionKey, k -> new ArrayList<>()).add(name);
                }
            }
        }
        Map<String, Long> incidentCounts = new HashMap<>();
        incidents.forEach(incident -> incidentCounts.merge(key(incident.app, incident.version), incident.count, Long::sum));
        List<Version> versions = new ArrayList<>();
        for (VersionRow row : versionRows.values()) {
            String versionKey = key(row.app, row.version);
            if (usingThisDatabase.contains(versionKey)) {
                versions.add(new Version(row.app, row.version, row.liveInstances > 0, row.liveInstances,
                        row.firstStarted, row.lastHeartbeat, row.shapes, incidentCounts.getOrDefault(versionKey, 0L),
                        missing.getOrDefault(versionKey, List.of()), pending.getOrDefault(versionKey, List.of()),
                        coverage(versionKey)));
            }
        }
        versions.sort(Comparator.comparing((Version v) -> !v.live).thenComparing(v -> v.app)
                .thenComparing(v -> firstStarted(v.app, v.version)));
        return versions;
    }

    /**
     * What a version's declaration covers of what it was seen using, and what not; null when it declared nothing.
     * Compared by name: a column, or a table for a use of the table itself or of every column.
     */
    private Report.Coverage coverage(String versionKey) {
        DeclaredVersion declared = declarations.get(versionKey);
        if (declared == null) {
            return null;
        }
        Set<String> declaredNames = new TreeSet<>();
        declaredBy.forEach((columnKey, versions) -> {
            if (versions.contains(versionKey)) {
                declaredNames.add(name(columnKey));
            }
        });
        Set<String> seenNames = new TreeSet<>();
        usage.forEach((columnKey, byVersion) -> {
            if (byVersion.containsKey(versionKey)) {
                seenNames.add(name(columnKey));
            }
        });
        List<String> notSeen = new ArrayList<>(declaredNames);
        notSeen.removeAll(seenNames);
        List<String> notDeclared = new ArrayList<>(seenNames);
        notDeclared.removeAll(declaredNames);
        return new Report.Coverage(declared.uses().size(), notSeen, notDeclared);
    }

    /** {@code schema.table.column}, or {@code schema.table} for the table itself or every column. */
    private static String name(String columnKey) {
        String[] name = columnKey.split("\u0000", -1);
        boolean particular = !name[2].isEmpty() && !name[2].equals(ColumnUse.ALL);
        return Report.qualified(name[0], name[1], particular ? name[2] : null);
    }

    /**
     * Per application, the version that came last among those that used this database: the one started last, or
     * declared after every start (a release declared before it is deployed).
     */
    private Map<String, VersionRow> newestPerApp() {
        Map<String, VersionRow> newest = new HashMap<>();
        for (VersionRow row : versionRows.values()) {
            if (since(row) != null && usedThisDatabase(row)) {
                newest.merge(row.app, row, (a, b) -> since(b).isAfter(since(a)) ? b : a);
            }
        }
        return newest;
    }

    /** When a version first started, or else when it was declared; null for neither. */
    private OffsetDateTime since(VersionRow row) {
        if (row.firstStarted != null) {
            return row.firstStarted;
        }
        DeclaredVersion declared = declarations.get(key(row.app, row.version));
        return declared == null ? null : declared.declaredAt();
    }

    /** Whether {@code version} uses the column, directly or through {@code *}, seen or declared. */
    private boolean uses(VersionRow version, String schema, String table, String column) {
        String versionKey = key(version.app, version.version);
        for (String columnKey : List.of(key(schema, table, column), key(schema, table, ColumnUse.ALL))) {
            if (usage.getOrDefault(columnKey, Map.of()).containsKey(versionKey)
                    || declaredBy.getOrDefault(columnKey, Set.of()).contains(versionKey)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tables no live version uses at all; in the other tables, columns no live version uses directly or through
     * {@code *}. Each split by whether a retired version used it.
     */
    private List<Candidate> dropCandidates() {
        Map<String, List<UseRow>> byTable = new HashMap<>();
        usage.forEach((columnKey, byVersion) -> byTable
                .computeIfAbsent(columnKey.substring(0, columnKey.lastIndexOf('\u0000')), k -> new ArrayList<>())
                .addAll(byVersion.values()));
        // what live versions declared, by column and by table, gathered once for every catalog column below
        Set<String> declaredColumns = new HashSet<>();
        Set<String> declaredTables = new HashSet<>();
        declaredBy.forEach((columnKey, versions) -> {
            if (versions.stream().anyMatch(this::live)) {
                declaredColumns.add(columnKey);
                declaredTables.add(columnKey.substring(0, columnKey.lastIndexOf('\u0000')));
            }
        });
        List<Candidate> candidates = new ArrayList<>();
        Set<String> tableCandidates = new HashSet<>();
        for (CatalogColumn c : catalog.values()) {
            String tableKey = key(c.schema, c.table);
            if (tableCandidates.contains(tableKey) || byTable.getOrDefault(tableKey, List.of()).stream().anyMatch(this::live)
                    || declaredTables.contains(tableKey)) {
                continue;
            }
            tableCandidates.add(tableKey);
            candidates.add(candidate(c.schema, c.table, null, byTable.getOrDefault(tableKey, List.of())));
        }
        for (Map.Entry<String, CatalogColumn> entry : catalog.entrySet()) {
            CatalogColumn c = entry.getValue();
            if (tableCandidates.contains(key(c.schema, c.table))) {
                continue;
            }
            List<UseRow> uses = new ArrayList<>(usage.getOrDefault(entry.getKey(), Map.of()).values());
            uses.addAll(usage.getOrDefault(key(c.schema, c.table, ColumnUse.ALL), Map.of()).values());
            if (uses.stream().noneMatch(this::live) && !declaredColumns.contains(entry.getKey())
                    && !declaredColumns.contains(key(c.schema, c.table, ColumnUse.ALL))) {
                candidates.add(candidate(c.schema, c.table, c.column, uses));
            }
        }
        return candidates;
    }

    private static Candidate candidate(String schema, String table, String column, List<UseRow> retiredUses) {
        UseRow last = retiredUses.stream().max(Comparator.comparing(use -> use.lastSeen)).orElse(null);
        return last == null ? new Candidate(schema, table, column, Candidate.Reason.NEVER_SEEN, null, null)
                : new Candidate(schema, table, column, Candidate.Reason.RETIRED_ONLY, last.app + " " + last.version,
                        last.lastSeen);
    }

    private boolean live(UseRow use) {
        return live(use.app, use.version);
    }

    private boolean live(String app, String version) {
        return live(key(app, version));
    }

    /** Whether the version keyed {@code app\0version} has live instances. */
    private boolean live(String versionKey) {
        VersionRow row = versionRows.get(versionKey);
        return row != null && row.liveInstances > 0;
    }

    private OffsetDateTime firstStarted(String app, String version) {
        VersionRow row = versionRows.get(key(app, version));
        return row == null || row.firstStarted == null ? OffsetDateTime.MIN : row.firstStarted;
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    /** What the registry says of one version's instances. */
    private static final class VersionRow {
        final String app;
        final String version;
        final OffsetDateTime firstStarted;
        final OffsetDateTime lastHeartbeat;
        final int liveInstances;
        final Long shapes;

        VersionRow(String app, String version, OffsetDateTime firstStarted, OffsetDateTime lastHeartbeat,
                   int liveInstances, Long shapes) {
            this.app = app;
            this.version = version;
            this.firstStarted = firstStarted;
            this.lastHeartbeat = lastHeartbeat;
            this.liveInstances = liveInstances;
            this.shapes = shapes;
        }
    }

    /** One version's use of one column, read and write folded together while reading. */
    private static final class UseRow {
        final String app;
        final String version;
        final Set<String> access = new TreeSet<>();
        final Set<String> via = new TreeSet<>();
        OffsetDateTime firstSeen;
        OffsetDateTime lastSeen;
        long count;

        UseRow(String app, String version) {
            this.app = app;
            this.version = version;
        }

        void add(String access, String via, OffsetDateTime first, OffsetDateTime last, long uses) {
            this.access.add(access);
            if (via != null && !via.isEmpty()) {
                this.via.add(via);
            }
            firstSeen = firstSeen == null || first.isBefore(firstSeen) ? first : firstSeen;
            lastSeen = lastSeen == null || last.isAfter(lastSeen) ? last : lastSeen;
            count += uses;
        }
    }

    /** A column as the catalog describes it. */
    private static final class CatalogColumn {
        final String schema;
        final String table;
        final String column;
        final String type;
        final boolean nullable;

        CatalogColumn(String schema, String table, String column, String type, boolean nullable) {
            this.schema = schema;
            this.table = table;
            this.column = column;
            this.type = type;
            this.nullable = nullable;
        }
    }
}
