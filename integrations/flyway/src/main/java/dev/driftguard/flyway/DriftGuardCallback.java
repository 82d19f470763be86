package dev.driftguard.flyway;

import dev.driftguard.internal.base.Log;
import dev.driftguard.internal.config.Environment;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.guard.MigrationCheck;
import dev.driftguard.internal.sql.Dialect;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Before Flyway migrates, checks every pending migration Flyway itself resolved against the live usage in the
 * registry, and stops the run before anything executes when one would break a live version. Configure it with
 * {@code flyway.callbacks=dev.driftguard.flyway.DriftGuardCallback} or {@code .callbacks(new DriftGuardCallback())};
 * Flyway keeps its plain vendor URL. Works on Flyway 11 and on 12 on; as a Spring bean, declare {@link #bean()}.
 */
public final class DriftGuardCallback implements Callback {

    private static final Log LOG = Log.of(DriftGuardCallback.class);

    private final Environment environment;

    /** For Flyway, which creates callbacks named in its configuration by their class. */
    public DriftGuardCallback() {
        this(Environment.ofThisProcess());
    }

    /** With driftguard's settings read from {@code environment}: for tests. */
    DriftGuardCallback(Environment environment) {
        this.environment = environment;
    }

    /**
     * The callback as a Spring bean ({@code @Bean Callback driftGuardCallback() { return DriftGuardCallback.bean(); }}),
     * on every Flyway from 11: a proxy of Flyway's {@code Callback}. Spring reads every method of a bean's class,
     * and this class, compiled against Flyway 12, carries bridge methods naming Flyway 12's {@code CallbackEvent};
     * on Flyway 11 (Spring Boot 3.5) reading them fails the start-up. Flyway itself never reads them.
     */
    public static Callback bean() {
        DriftGuardCallback callback = new DriftGuardCallback();
        return (Callback) Proxy.newProxyInstance(Callback.class.getClassLoader(), new Class<?>[] {Callback.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "supports":
                            return args[0] instanceof Event && callback.supports((Event) args[0], (Context) args[1]);
                        case "canHandleInTransaction":
                            return true;
                        case "handle":
                            callback.handle((Event) args[0], (Context) args[1]);
                            return null;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default: // getCallbackName, toString
                            return callback.getCallbackName();
                    }
                });
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        Settings settings = Settings.resolve(new Properties(), environment);
        if (settings.guard() == Settings.GuardMode.OFF) {
            return;
        }
        try {
            Connection connection = context.getConnection();
            String databaseUrl = connection.getMetaData().getURL();
            Dialect dialect = Dialect.ofUrl(databaseUrl);
            if (dialect == Dialect.GENERIC) {
                // as the driver does on such a database: nothing refused, and a warning that says so
                LOG.warn("driftguard: migrations of {} are not checked: driftguard guards PostgreSQL, MariaDB, MySQL"
                        + " and H2", connection.getMetaData().getDatabaseProductName());
                return;
            }
            List<MigrationScript> pending = MigrationScript.pending(configuration, pendingMigrations(configuration));
            try (MigrationCheck guard = new MigrationCheck(settings, dialect, databaseUrl,
                    configuration.getDataSource()::getConnection, credentials(configuration), false)) {
                check(pending, guard, connection, settings);
            }
        } catch (SQLException e) {
            throw new FlywayException("driftguard: cannot read the database's catalog to check the pending migrations ("
                    + e.getMessage() + "). Nothing was migrated. Check that Flyway's user may read the catalog, or run"
                    + " with driftguard.guard=warn to let the migrations through with a warning.", e);
        }
    }

    /**
     * Every refused migration is named, not just the first; the run stops before the first executes. A migration
     * that is not SQL cannot be read: it runs unchecked, unless {@code driftguard.guard.java.migrations=refuse}
     * makes it a "cannot decide" in enforce mode.
     */
    private static void check(List<MigrationScript> pending, MigrationCheck guard, Connection connection,
                              Settings settings) {
        List<String> refusals = new ArrayList<>();
        SQLException first = null;
        boolean refuseUnread = settings.javaMigrations() == Settings.JavaMigrations.REFUSE
                && settings.guard() == Settings.GuardMode.ENFORCE;
        for (MigrationScript migration : pending) {
            if (migration.sql == null && refuseUnread) {
                SQLException unread = new SQLException("driftguard cannot decide: migration " + migration.script
                        + " is not SQL (" + migration.type + "), so what it changes cannot be checked against live"
                        + " usage, and " + Settings.GUARD_JAVA_MIGRATIONS + "=refuse. Check by hand what it drops,"
                        + " renames or retypes (the precheck command, the live_usage view), then run it with "
                        + Settings.GUARD_JAVA_MIGRATIONS + "=run.", "ZDG02");
                refusals.add("Migration " + migration.script + ":\n" + unread.getMessage());
                first = first == null ? unread : first;
                continue;
            }
            if (migration.sql == null) {
                LOG.warn("driftguard: migration {} is not SQL ({}); it is not checked against live usage",
                        migration.script, migration.type);
                continue;
            }
            try {
                guard.check(migration.sql, connection);
            } catch (SQLException refusal) {
                refusals.add("Migration " + migration.script + ":\n" + refusal.getMessage());
                first = first == null ? refusal : first;
            }
        }
        if (first != null) {
            throw new FlywayException(String.join("\n\n", refusals) + "\n\nNo migration of this run was executed.",
                    first);
        }
    }

    /**
     * The SQL of every pending SQL migration of {@code configuration}, in the order Flyway will run them, keyed by
     * script name, placeholders replaced: what {@code precheck} reads where Flyway resolves the migrations (the
     * Maven plugin's {@code flywayLocations}). Migrations that are not SQL are left out. Executes nothing.
     */
    public static Map<String, String> pendingSql(Configuration configuration) {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (MigrationScript migration : MigrationScript.pending(configuration, pendingMigrations(configuration))) {
            if (migration.sql != null) {
                scripts.put(migration.script, migration.sql);
            }
        }
        return scripts;
    }

    /**
     * What {@code migrate} will apply, as Flyway itself resolves it: order, target, out-of-order, repeatables. Asked
     * without the run's callbacks, Java or SQL ({@code beforeInfo.sql}): the user's would see an {@code info} they
     * never ran.
     */
    private static MigrationInfo[] pendingMigrations(Configuration configuration) {
        return Flyway.configure(configuration.getClassLoader()).configuration(configuration).callbacks(new Callback[0])
                .skipDefaultCallbacks(true).load().info().pending();
    }

    /** Flyway's user and password, for a registry in another database. */
    private static Properties credentials(Configuration configuration) {
        Properties credentials = new Properties();
        if (configuration.getUser() != null) {
            credentials.setProperty("user", configuration.getUser());
        }
        if (configuration.getPassword() != null) {
            credentials.setProperty("password", configuration.getPassword());
        }
        return credentials;
    }

    @Override
    public String getCallbackName() {
        return "driftguard";
    }
}
