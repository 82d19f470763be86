package dev.driftguard.guard;

import dev.driftguard.driver.DdlInterceptor;
import dev.driftguard.driver.JdbcUrls;
import dev.driftguard.driver.Log;
import dev.driftguard.driver.Settings;
import dev.driftguard.registry.LiveUse;
import dev.driftguard.registry.Registry;
import dev.driftguard.sql.Catalog;
import dev.driftguard.sql.Dialect;
import dev.driftguard.sql.JdbcCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks DDL against the live usage in the registry before it runs, on the thread that runs it (a migration's),
 * and refuses it — SQLState {@code ZDG01}, nothing executed — when a live version still uses what it would drop,
 * rename or retype. {@code ZDG02} when it cannot decide. {@code warn} mode logs the same text and lets it run.
 */
public final class Guard implements DdlInterceptor {

    /** A hazard would break a live version. */
    public static final String REFUSED = "ZDG01";
    /** The guard cannot decide: registry unreachable or DDL unanalysable. */
    public static final String CANNOT_DECIDE = "ZDG02";

    private static final Log LOG = Log.of(Guard.class);

    private final Settings.GuardMode mode;
    private final DdlAnalyzer analyzer;
    private final Catalog catalog;
    private final Registry registry;
    private final String registryUrl;
    private final JdbcCatalog.ConnectionSource registrySource;
    private final JdbcCatalog.ConnectionSource databaseSource;
    private final String app;
    private final String version;
    private final String instanceId;

    /** A guard for connections of {@code app version} to a database of {@code dialect}. */
    public Guard(Settings settings, Dialect dialect, Catalog catalog, String registryUrl,
                 JdbcCatalog.ConnectionSource registrySource, JdbcCatalog.ConnectionSource databaseSource) {
        this.mode = settings.guard();
        this.analyzer = new DdlAnalyzer(dialect, catalog);
        this.catalog = catalog;
        this.registry = Registry.forUrl(registryUrl);
        this.registryUrl = registryUrl;
        this.registrySource = registrySource;
        this.databaseSource = databaseSource;
        this.app = settings.app();
        this.version = settings.version();
        this.instanceId = settings.instance();
    }

    @Override
    public void beforeDdl(String sql) throws SQLException {
        if (mode == Settings.GuardMode.OFF) {
            return;
        }
        DdlAnalysis analysis = analyzer.analyze(sql);
        String unanalysable = analysis.unanalysable().isEmpty() ? null
                : String.join("; ", analysis.unanalysable());
        Map<Hazard, List<Blocker>> blocked = Map.of();
        if (!analysis.hazards().isEmpty()) {
            try {
                blocked = blockers(analysis.hazards());
            } catch (SQLException | RuntimeException e) {
                decide(sql, CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: the registry at "
                        + JdbcUrls.mask(registryUrl) + " cannot be read (" + e.getMessage() + "). Nothing was executed. "
                        + "Run it again when the registry answers, or with /* driftguard:allow reason=\"…\" */.");
                return;
            }
        }
        if (!blocked.isEmpty()) {
            decide(sql, REFUSED, Refusal.message(blocked, registryUrl)
                    + (unanalysable == null ? "" : "\nAlso not analysable: " + unanalysable));
        } else if (unanalysable != null) {
            decide(sql, CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: " + unanalysable
                    + ". Nothing was executed. Check it with the precheck command, or run it with"
                    + " /* driftguard:allow reason=\"…\" */ if you are sure.");
        }
    }

    /** Enforce: throw, unless a reasoned override lets it run (and is recorded). Warn: log and let it run. */
    private void decide(String sql, String state, String message) throws SQLException {
        String reason = OverrideComment.reason(sql);
        if (reason != null) {
            recordOverride(sql, reason);
            LOG.warn("driftguard: running a statement it would refuse, because of the override \"{}\":\n{}", reason, message);
            return;
        }
        if (mode == Settings.GuardMode.WARN) {
            LOG.warn("driftguard (guard=warn, running it anyway): {}", message);
            return;
        }
        String hint = OverrideComment.present(sql) ? "\nThe driftguard:allow comment needs a non-empty reason=\"…\"." : "";
        throw new SQLException(message + hint, state);
    }

    private Map<Hazard, List<Blocker>> blockers(List<Hazard> hazards) throws SQLException {
        Map<Hazard, List<Blocker>> blocked = new LinkedHashMap<>();
        String database = databaseName();
        try (Connection connection = registrySource.open()) {
            if (registry.version(connection) == 0) {
                return blocked; // no registry yet: no version has published anything
            }
            for (Hazard hazard : hazards) {
                if (hazard.kind() == Hazard.Kind.CHANGE_TYPE && Widening.isWidening(
                        catalog.columnType(hazard.schema(), hazard.table(), hazard.column()), hazard.detail())) {
                    LOG.warn("driftguard: {} only widens the column; live versions that use it keep working", hazard);
                    continue;
                }
                if (hazard.kind() == Hazard.Kind.DROP_DEFAULT
                        && Boolean.TRUE.equals(catalog.nullable(hazard.schema(), hazard.table(), hazard.column()))) {
                    continue; // inserts without the column still succeed: they get NULL
                }
                List<LiveUse> uses = registry.liveUsesOf(connection, database, hazard.schema(), hazard.table());
                List<Blocker> blockers = Blockers.of(hazard, uses, app, version);
                if (!blockers.isEmpty()) {
                    blocked.put(hazard, blockers);
                }
            }
        }
        return blocked;
    }

    private String databaseName() throws SQLException {
        try (Connection connection = databaseSource.open()) {
            String name = connection.getCatalog();
            return name == null ? "" : name;
        }
    }

    private void recordOverride(String sql, String reason) {
        try (Connection connection = registrySource.open()) {
            registry.recordOverride(connection, app, version, instanceId, sql, reason);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("driftguard: could not record the override in the registry ({}); the statement runs anyway",
                    e.getMessage());
        }
    }

    /** Which live versions a hazard would break. */
    static final class Blockers {
        private Blockers() {
        }

        static List<Blocker> of(Hazard hazard, List<LiveUse> uses, String ownApp, String ownVersion) {
            Map<String, List<LiveUse>> byVersion = new LinkedHashMap<>();
            for (LiveUse use : uses) {
                byVersion.computeIfAbsent(use.app() + "\u0000" + use.version(), k -> new ArrayList<>()).add(use);
            }
            List<Blocker> blockers = new ArrayList<>();
            for (List<LiveUse> versionUses : byVersion.values()) {
                List<LiveUse> blocking = blocking(hazard, versionUses);
                if (!blocking.isEmpty()) {
                    LiveUse first = blocking.get(0);
                    blockers.add(new Blocker(first.app(), first.version(), first.liveInstances(), blocking,
                            first.app().equals(ownApp) && first.version().equals(ownVersion)));
                }
            }
            return blockers;
        }

        private static List<LiveUse> blocking(Hazard hazard, List<LiveUse> uses) {
            List<LiveUse> blocking = new ArrayList<>();
            if (hazard.kind().wholeTable()) {
                return uses;
            }
            if (hazard.kind().aboutInserts()) {
                boolean writesTable = false;
                boolean suppliesColumn = false;
                for (LiveUse use : uses) {
                    if (use.access().equals("write") && !use.column().isEmpty()) {
                        writesTable = true;
                        suppliesColumn |= use.column().equalsIgnoreCase(hazard.column())
                                || (use.column().equals("*") && hazard.kind() != Hazard.Kind.ADD_NOT_NULL_COLUMN);
                        blocking.add(use);
                    }
                }
                return writesTable && !suppliesColumn ? blocking : List.of();
            }
            for (LiveUse use : uses) {
                if (use.column().equalsIgnoreCase(hazard.column()) || use.column().equals("*")) {
                    blocking.add(use);
                }
            }
            return blocking;
        }
    }
}
