package dev.driftguard.internal.guard;

import dev.driftguard.internal.jdbc.DdlInterceptor;
import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.registry.KeptConnection;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.Lexer;
import dev.driftguard.internal.sql.SqlParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

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
    private static final int RECENT_REFUSALS = 10;

    private static final Log LOG = Log.of(Guard.class);

    private final Settings.GuardMode mode;
    private final Checker checker;
    private final Registry registry;
    private final String registryUrl;
    private final KeptConnection registryConnection;
    private final String app;
    private final String version;
    private final String instanceId;
    private final int timeoutSeconds;
    private final boolean recordsOverrides;
    /** The last refusals' messages (identifiers only, like every refusal), newest last, for status pages. */
    private final ArrayDeque<String> recentRefusals = new ArrayDeque<>();
    private final LongAdder refusals = new LongAdder();
    /**
     * The check runs here, so that the migration's thread waits at most {@link #timeoutSeconds}: a registry that
     * holds a lock or never answers cannot hold the guard's answer up. Daemon threads, gone when idle.
     */
    private final ExecutorService checks = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "driftguard-guard-check");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * A guard for connections of {@code app version} to a database of {@code dialect}; its parses stop after
     * {@code parseTimeoutMillis} on {@code watchdog}.
     */
    public Guard(Settings settings, Dialect dialect, Catalog catalog, String registryUrl,
                 KeptConnection registryConnection, ScheduledExecutorService watchdog, long parseTimeoutMillis) {
        this(settings, dialect, catalog, registryUrl, registryConnection, watchdog, parseTimeoutMillis, true);
    }

    /**
     * {@code recordsOverrides} false: a statement let through by its override comment is neither logged nor
     * recorded here, because it will run through a driftguard connection, whose guard does both when it runs.
     */
    Guard(Settings settings, Dialect dialect, Catalog catalog, String registryUrl, KeptConnection registryConnection,
          ScheduledExecutorService watchdog, long parseTimeoutMillis, boolean recordsOverrides) {
        this.recordsOverrides = recordsOverrides;
        this.mode = settings.guard();
        this.registry = Registry.forUrl(registryUrl).withTimeout(settings.guardTimeoutSeconds());
        this.checker = new Checker(dialect, catalog, new SqlParser(dialect, watchdog, parseTimeoutMillis, false), registry,
                registryConnection, settings.app(), settings.version(), List.of());
        this.registryUrl = registryUrl;
        this.registryConnection = registryConnection;
        this.app = settings.app();
        this.version = settings.version();
        this.instanceId = settings.instance();
        this.timeoutSeconds = settings.guardTimeoutSeconds();
    }

    /**
     * Each statement of the call is judged on its own, and an override comment counts only for the statement
     * that carries it: one refused statement without its own override refuses the whole call.
     */
    @Override
    public void beforeDdl(String sql, Lexer tracked, java.sql.Connection connection) throws SQLException {
        if (mode == Settings.GuardMode.OFF) {
            return;
        }
        // the target resolves where the server will resolve it, whatever changed the path on the way
        Lexer session = tracked.withPathOf(connection, timeoutSeconds);
        List<String> messages = new ArrayList<>();
        String state = null;
        boolean reasonMissing = false;
        for (Lexer.Statement statement : session.statements(sql)) {
            if (statement.ddl.isEmpty() && statement.embedded.isEmpty()) {
                continue;
            }
            Objection objection = objection(statement.text, session);
            if (objection == null) {
                continue;
            }
            List<String> comments = session.comments(statement.text);
            String reason = OverrideComment.reason(comments);
            if (reason != null && !recordsOverrides) {
                continue;
            }
            if (reason != null) {
                recordOverride(session.normalize(statement.text), reason);
                LOG.warn("driftguard: running a statement it would refuse, because of the override \"{}\":\n{}", reason,
                        objection.message);
            } else if (mode == Settings.GuardMode.WARN) {
                LOG.warn("{} (driftguard.guard=warn: it runs anyway)", objection.message.replaceFirst("^driftguard refused",
                        "driftguard would refuse"));
            } else {
                messages.add(objection.message);
                state = REFUSED.equals(state) ? state : objection.state;
                reasonMissing |= OverrideComment.present(comments);
            }
        }
        if (!messages.isEmpty()) {
            String hint = reasonMissing ? "\nThe driftguard:allow comment needs a non-empty reason=\"…\"." : "";
            SQLException refusal = new SQLException(String.join("\n\n", messages) + hint, state);
            remember(refusal);
            throw refusal;
        }
    }

    private void remember(SQLException refusal) {
        refusals.increment();
        synchronized (recentRefusals) {
            if (recentRefusals.size() == RECENT_REFUSALS) {
                recentRefusals.removeFirst();
            }
            recentRefusals.addLast(refusal.getSQLState() + " " + refusal.getMessage());
        }
    }

    /** Statements refused (ZDG01) or left undecided (ZDG02) since the start. */
    public long refusals() {
        return refusals.sum();
    }

    /** The last few refusals, each its SQLState and message, newest last. */
    public List<String> recentRefusals() {
        synchronized (recentRefusals) {
            return List.copyOf(recentRefusals);
        }
    }

    /** Why one statement must not run: ZDG01 with the refusal, ZDG02 when it cannot be decided; null when safe. */
    private Objection objection(String statement, Lexer session) {
        Verdict verdict;
        Future<Verdict> check = checks.submit(() -> checker.check(statement, session));
        try {
            verdict = check.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return new Objection(CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: the registry at "
                    + JdbcUrls.mask(registryUrl) + " did not answer within " + timeoutSeconds + " s ("
                    + Settings.GUARD_TIMEOUT_SECONDS + "). Nothing was executed. Run it again when the registry answers,"
                    + " or with /* driftguard:allow reason=\"…\" */.");
        } catch (InterruptedException e) {
            check.cancel(true);
            Thread.currentThread().interrupt();
            return new Objection(CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: interrupted"
                    + " while it read the registry. Nothing was executed.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Objection(CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: the registry at "
                    + JdbcUrls.mask(registryUrl) + " cannot be read (" + cause.getMessage() + "). Nothing was executed. "
                    + "Run it again when the registry answers, or with /* driftguard:allow reason=\"…\" */.");
        }
        String unanalysable = verdict.unanalysable().isEmpty() ? null : String.join("; ", verdict.unanalysable());
        if (verdict.refused()) {
            return new Objection(REFUSED, Refusal.message(verdict.blocked(), registryUrl)
                    + (unanalysable == null ? "" : "\nAlso not analysable: " + unanalysable));
        }
        if (unanalysable != null) {
            return new Objection(CANNOT_DECIDE, "driftguard cannot decide whether this statement is safe: " + unanalysable
                    + ". Nothing was executed. Check it with the precheck command, or run it with"
                    + " /* driftguard:allow reason=\"…\" */ if you are sure.");
        }
        return null;
    }

    /** An SQLState and the text that says why. */
    private static final class Objection {
        final String state;
        final String message;

        Objection(String state, String message) {
            this.state = state;
            this.message = message;
        }
    }

    /** {@code shape}: the statement normalised, its names and never its literals. */
    private void recordOverride(String shape, String reason) {
        try (Registry.Session session = registry.open(registryConnection, true)) {
            registry.recordOverride(session.connection(), app, version, instanceId, shape, reason);
            session.completed();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("driftguard: could not record the override in the registry ({}); the statement runs anyway",
                    e.getMessage());
        }
    }
}
