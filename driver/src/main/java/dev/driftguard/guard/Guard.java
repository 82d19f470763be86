package dev.driftguard.guard;

import dev.driftguard.driver.DdlInterceptor;
import dev.driftguard.driver.JdbcUrls;
import dev.driftguard.driver.Log;
import dev.driftguard.driver.Settings;
import dev.driftguard.registry.Registry;
import dev.driftguard.sql.Catalog;
import dev.driftguard.sql.Dialect;
import dev.driftguard.sql.JdbcCatalog;
import java.sql.Connection;
import java.sql.SQLException;

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
    private final Checker checker;
    private final Registry registry;
    private final String registryUrl;
    private final JdbcCatalog.ConnectionSource registrySource;
    private final String app;
    private final String version;
    private final String instanceId;

    /** A guard for connections of {@code app version} to a database of {@code dialect}. */
    public Guard(Settings settings, Dialect dialect, Catalog catalog, String registryUrl,
                 JdbcCatalog.ConnectionSource registrySource) {
        this.mode = settings.guard();
        this.registry = Registry.forUrl(registryUrl);
        this.checker = new Checker(dialect, catalog, registry, registrySource, settings.app(),
                settings.version());
        this.registryUrl = registryUrl;
        this.registrySource = registrySource;
        this.app = settings.app();
        this.version = settings.version();
        this.instanceId = settings.instance();
    }

    @Override
    public void beforeDdl(String sql) throws SQLException {
        if (mode == Settings.GuardMode.OFF) {
            return;
        }
        Verdict verdict;
        try {
            verdict = checker.check(sql);
        } catch (SQLException | RuntimeException e) {
            decide(sql, CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: the registry at "
                    + JdbcUrls.mask(registryUrl) + " cannot be read (" + e.getMessage() + "). Nothing was executed. "
                    + "Run it again when the registry answers, or with /* driftguard:allow reason=\"…\" */.");
            return;
        }
        String unanalysable = verdict.unanalysable().isEmpty() ? null : String.join("; ", verdict.unanalysable());
        if (verdict.refused()) {
            decide(sql, REFUSED, Refusal.message(verdict.blocked(), registryUrl)
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
            LOG.warn("{} (driftguard.guard=warn: it runs anyway)", message.replaceFirst("^driftguard refused",
                    "driftguard would refuse"));
            return;
        }
        String hint = OverrideComment.present(sql) ? "\nThe driftguard:allow comment needs a non-empty reason=\"…\"." : "";
        throw new SQLException(message + hint, state);
    }

    private void recordOverride(String sql, String reason) {
        try (Connection connection = registrySource.open()) {
            registry.recordOverride(connection, app, version, instanceId, sql, reason);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("driftguard: could not record the override in the registry ({}); the statement runs anyway",
                    e.getMessage());
        }
    }
}
