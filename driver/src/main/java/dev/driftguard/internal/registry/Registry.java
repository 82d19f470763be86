package dev.driftguard.internal.registry;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.base.JdbcUrls;
import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.usage.DriftIncident;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry's operations on one database: install and upgrade, instances, usage. Stateless: every method runs
 * on the connection it is given, which it does not close.
 */
public final class Registry {

    private static final int RETRIES = 5;
    /** What a person at the command line waits at most for one registry statement. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private final RegistryDialect sql;
    private final int timeoutSeconds;

    private Registry(RegistryDialect sql, int timeoutSeconds) {
        this.sql = sql;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The registry for a database reached by {@code jdbcUrl}; an exception naming the supported kinds if none. */
    public static Registry forUrl(String jdbcUrl) {
        RegistryDialect dialect = RegistryDialect.of(Dialect.ofUrl(jdbcUrl));
        if (dialect == null) {
            // says what, not which setting: the driver and the command line each name their own way to point elsewhere
            throw new IllegalArgumentException("the driftguard registry lives in PostgreSQL, MariaDB/MySQL or H2, and "
                    + JdbcUrls.mask(jdbcUrl) + " is none of them");
        }
        return new Registry(dialect, DEFAULT_TIMEOUT_SECONDS);
    }

    /**
     * This registry with every statement, and every read from its connections' sockets, bounded by {@code seconds}:
     * a lock held on a registry table or a host that never answers costs at most that, never a blocked thread.
     */
    public Registry withTimeout(int seconds) {
        return new Registry(sql, Math.max(1, seconds));
    }

    /** The read side of this registry, with the same bound on every statement. */
    public RegistryReader reader() {
        return new RegistryReader(sql, timeoutSeconds);
    }

    /**
     * Connection properties for a registry of its own ({@code driftguard.registry.url}): {@code given} plus the
     * vendor driver's bounds on connecting and reading, where {@code given} sets none.
     */
    public java.util.Properties boundedConnecting(java.util.Properties given) {
        return sql.bounded(given, timeoutSeconds);
    }

    /** The seconds each statement may take. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * A connection from {@code source} whose socket reads give up a little after the statement timeout (should the
     * database not even answer a cancel); the previous bound comes back at close, since the connection may be
     * lent by the application's pool.
     */
    public Session open(ConnectionSource source) throws SQLException {
        return new Session(source.open(), false, null, timeoutSeconds);
    }

    /**
     * A session on {@code kept}'s connection, given back to it at close when the session {@link Session#completed()}.
     * When {@code check}, a kept connection that no longer answers is replaced by a new one first: for work that
     * must not run twice, and so cannot simply be retried on a new connection after a first failure.
     */
    public Session open(KeptConnection kept, boolean check) throws SQLException {
        KeptConnection.Lease lease = kept.lease();
        if (check && lease.reused && !answers(lease.connection, timeoutSeconds)) {
            kept.giveBack(lease.connection, false);
            lease = kept.lease();
        }
        return new Session(lease.connection, lease.reused, kept, timeoutSeconds);
    }

    /** Whether {@code connection} is open and answers within {@code seconds}. */
    private static boolean answers(Connection connection, int seconds) {
        try {
            return !connection.isClosed() && connection.isValid(seconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Work on a registry connection. */
    @FunctionalInterface
    interface Work {
        void on(Connection connection) throws SQLException;
    }

    /** A registry connection with bounded socket reads; closing it closes the connection or gives it back. */
    public static final class Session implements AutoCloseable {
        private static final java.util.concurrent.Executor DIRECT = Runnable::run;
        private final Connection connection;
        private final boolean reused;
        private final KeptConnection kept;
        private final int before;
        private boolean completed;

        Session(Connection connection, boolean reused, KeptConnection kept, int timeoutSeconds) throws SQLException {
            this.connection = connection;
            this.reused = reused;
            this.kept = kept;
            int previous = -1;
            try {
                previous = connection.getNetworkTimeout();
                connection.setNetworkTimeout(DIRECT, (timeoutSeconds + 2) * 1_000);
            } catch (SQLException | UnsupportedOperationException | AbstractMethodError unsupported) {
                previous = -1; // the statement timeout still applies (H2 has no socket of its own in-process)
            }
            this.before = previous;
        }

        /** The connection; do not close it, close the session. */
        public Connection connection() {
            return connection;
        }

        /** Whether the connection was kept from an earlier session, and so may have been dropped by the registry since. */
        boolean reused() {
            return reused;
        }

        /** The work went through: the connection may be kept for the next session. */
        public void completed() {
            completed = true;
        }

        /**
         * Whether the connection still answers (after a failure: was it the connection, or the statement?). Asked
         * briefly: a stalled registry has already cost the failed statement its whole timeout.
         */
        boolean alive() {
            return answers(connection, 2);
        }

        @Override
        public void close() throws SQLException {
            boolean healthy = completed;
            try {
                if (before >= 0 && !connection.isClosed()) {
                    connection.setNetworkTimeout(DIRECT, before);
                }
            } catch (SQLException ignored) {
                healthy = false;
            } finally {
                if (kept == null) {
                    connection.close();
                } else {
                    kept.giveBack(connection, healthy);
                }
            }
        }
    }

    /** The schema version this driftguard creates and reads; older registries are upgraded to it by install. */
    public static int currentVersion() {
        return RegistryDialect.CURRENT_VERSION;
    }

    /** A registry object's name in this database, e.g. {@code driftguard.live_usage}. */
    public String name(String object) {
        return sql.name(object);
    }

    /** The registry's schema version in this database, 0 when it is not installed. */
    public int version(Connection connection) throws SQLException {
        try (Statement statement = statement(connection);
             ResultSet rows = statement.executeQuery("SELECT meta_value FROM " + sql.name("registry_meta")
                     + " WHERE meta_key = 'schema_version'")) {
            return rows.next() ? Integer.parseInt(rows.getString(1).trim()) : 0;
        } catch (SQLException e) {
            if (tableMissing(connection)) {
                return 0;
            }
            throw e;
        }
    }

    /**
     * Creates the registry or upgrades it to the current version, keeping every row; never drops anything.
     * Returns the version it found. Safe when several processes install at once.
     */
    public int install(Connection connection) throws SQLException {
        int found = version(connection);
        for (int next = found + 1; next <= RegistryDialect.CURRENT_VERSION; next++) {
            migrateTo(connection, next);
        }
        return found;
    }

    /** Applies one version's statements; exposed so the upgrade from an older version can be tested. */
    void migrateTo(Connection connection, int version) throws SQLException {
        try (Statement statement = statement(connection)) {
            for (String ddl : sql.migration(version)) {
                statement.execute(ddl);
            }
        } catch (SQLException e) {
            if (version(connection) >= version) {
                return; // another process migrated at the same time
            }
            throw e;
        }
        if (version == RegistryDialect.VIA_SINCE && sql.hasRoutines()) {
            carryUsageGrants(connection);
        }
        if (version == RegistryDialect.VIA_SINCE && triggerInstalled(connection)) {
            // the trigger of schema 5 would take a routine's use for a table that is gone
            try {
                installTrigger(connection);
            } catch (SQLException e) {
                throw new SQLException("the registry's schema " + version + " needs the event trigger upgraded with it, "
                        + "which needs a superuser (" + e.getMessage() + "); run: java -jar driftguard-cli.jar install "
                        + "--url <this database> --trigger, as a superuser", e.getSQLState(), e);
            }
        }
        setVersion(connection, version);
    }

    /**
     * Every account that could call {@code add_usage} may call {@code add_use}. Best effort: an installer who
     * cannot read the grants (MariaDB's {@code mysql.procs_priv}) leaves them, and such an application publishes
     * without via, saying so, until {@code install --app-role} is run again.
     */
    private void carryUsageGrants(Connection connection) {
        List<String> accounts = new ArrayList<>();
        try (Statement statement = statement(connection); ResultSet rows = statement.executeQuery(sql.usageCallers())) {
            while (rows.next()) {
                accounts.add(rows.getString(1));
            }
            for (String account : accounts) {
                statement.execute(sql.grantAddUse(account));
            }
        } catch (SQLException notReadable) {
            // see above: the application says what to run
        }
    }

    private boolean triggerInstalled(Connection connection) throws SQLException {
        if (sql != RegistryDialect.POSTGRES) {
            return false;
        }
        try (Statement statement = statement(connection);
             ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_event_trigger WHERE evtname = 'driftguard_guard'")) {
            return rows.next();
        }
    }

    private void setVersion(Connection connection, int version) throws SQLException {
        try (PreparedStatement update = prepare(connection, "UPDATE " + sql.name("registry_meta")
                + " SET meta_value = ? WHERE meta_key = 'schema_version'")) {
            update.setString(1, Integer.toString(version));
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = prepare(connection, "INSERT INTO " + sql.name("registry_meta")
                + " (meta_key, meta_value) VALUES ('schema_version', ?)")) {
            insert.setString(1, Integer.toString(version));
            insert.executeUpdate();
        } catch (SQLException raced) {
            if (version(connection) < version) {
                throw raced;
            }
        }
    }

    /**
     * Installs the PostgreSQL event trigger that applies the guard's rules to DDL from every client. Needs a
     * superuser; an {@link SQLException} otherwise. The registry must be installed first.
     */
    public void installTrigger(Connection connection) throws SQLException {
        if (sql != RegistryDialect.POSTGRES) {
            throw new SQLException("the driftguard event trigger exists for PostgreSQL only; on this database the guard "
                    + "works in the driver and through the precheck command", "0A000");
        }
        try (Statement statement = statement(connection)) {
            for (String ddl : sql.script("trigger.sql")) {
                statement.execute(ddl);
            }
        }
    }

    /**
     * Gives {@code role} exactly what an application needs: read the registry, call its routines (say its own
     * instance is alive or stopped, add usage, incidents and overrides). Takes back any write right it had on the
     * registry's tables, so that it cannot stop another instance, erase usage or set its own expiry. PostgreSQL
     * and MariaDB only; the registry must be installed, by another user than {@code role}.
     */
    public void grantAppRole(Connection connection, String role) throws SQLException {
        if (!sql.hasRoutines()) {
            throw new SQLException("H2 has no routines that run with their owner's rights, so an application role "
                    + "cannot be kept from writing the registry there; --app-role is for PostgreSQL and MariaDB", "0A000");
        }
        try (Statement statement = statement(connection)) {
            for (String grant : sql.appRoleGrants(role, connection.getCatalog())) {
                try {
                    statement.execute(grant);
                } catch (SQLException notGranted) {
                    if (!grant.startsWith("REVOKE")) {
                        throw notGranted;
                    } // MariaDB: a right never given cannot be taken back, and says so
                }
            }
        }
    }

    /** What a heartbeat found. */
    enum Beat {
        /** No row for this instance (or one another process holds): register. */
        UNKNOWN,
        /** Live, as it was. */
        ALIVE,
        /** Marked stopped while it runs (a {@code retire}): live again. */
        REVIVED
    }

    /**
     * Registers (or re-registers) an instance as live now, in a registry of schema version {@code schema}. False
     * when another process that is still live holds the same instance id: nothing was changed.
     */
    boolean register(Connection connection, Instance instance, int schema) throws SQLException {
        if (routines(schema)) {
            try (PreparedStatement call = prepare(connection, sql.call("register", 7))) {
                bindInstance(call, 1, instance);
                call.setString(4, instance.token);
                call.setInt(5, instance.ttlSeconds);
                call.setString(6, instance.host);
                call.setLong(7, instance.pid);
                return single(call) == 1;
            }
        }
        if (heartbeat(connection, instance, null, schema) != Beat.UNKNOWN) {
            try (PreparedStatement revive = prepare(connection, "UPDATE " + sql.name("instance")
                    + " SET started_at = " + sql.now() + ", host = ?, pid = ?"
                    + " WHERE instance_id = ? AND app = ? AND version = ?")) {
                revive.setString(1, instance.host);
                revive.setLong(2, instance.pid);
                bindInstance(revive, 3, instance);
                revive.executeUpdate();
            }
            return true;
        }
        try (PreparedStatement insert = prepare(connection, "INSERT INTO " + sql.name("instance")
                + " (instance_id, app, version, host, pid, started_at, last_heartbeat, expires_at) VALUES (?, ?, ?, ?, ?, "
                + sql.now() + ", " + sql.now() + ", " + sql.nowPlusSeconds() + ")")) {
            bindInstance(insert, 1, instance);
            insert.setString(4, instance.host);
            insert.setLong(5, instance.pid);
            insert.setInt(6, grantedTtl(instance));
            insert.executeUpdate();
        }
        return true;
    }

    /**
     * Says the instance is alive and, when {@code statementShapes} is not null (registry version 4 on), how many
     * distinct statement shapes it has run: the one statement an instance costs per heartbeat.
     */
    Beat heartbeat(Connection connection, Instance instance, Long statementShapes, int schema) throws SQLException {
        if (routines(schema)) {
            try (PreparedStatement call = prepare(connection, sql.call("beat", 6))) {
                bindInstance(call, 1, instance);
                call.setString(4, instance.token);
                call.setInt(5, instance.ttlSeconds);
                if (statementShapes == null) {
                    call.setNull(6, java.sql.Types.BIGINT);
                } else {
                    call.setLong(6, statementShapes);
                }
                return Beat.values()[single(call)];
            }
        }
        if (update(connection, instance, statementShapes, " AND stopped_at IS NULL") == 1) {
            return Beat.ALIVE;
        }
        return update(connection, instance, statementShapes, "") == 1 ? Beat.REVIVED : Beat.UNKNOWN;
    }

    private int update(Connection connection, Instance instance, Long statementShapes, String condition)
            throws SQLException {
        try (PreparedStatement update = prepare(connection, "UPDATE " + sql.name("instance")
                + " SET last_heartbeat = " + sql.now() + ", expires_at = " + sql.nowPlusSeconds() + ", stopped_at = NULL"
                + (statementShapes == null ? "" : ", statement_shapes = ?")
                + " WHERE instance_id = ? AND app = ? AND version = ?" + condition)) {
            int next = 1;
            update.setInt(next++, grantedTtl(instance));
            if (statementShapes != null) {
                update.setLong(next++, statementShapes);
            }
            bindInstance(update, next, instance);
            return update.executeUpdate();
        }
    }

    /** Marks an instance stopped now: it leaves the live view at once. */
    void stop(Connection connection, Instance instance, int schema) throws SQLException {
        if (routines(schema)) {
            try (PreparedStatement call = prepare(connection, sql.call("stop_instance", 4))) {
                bindInstance(call, 1, instance);
                call.setString(4, instance.token);
                call.execute();
            }
            return;
        }
        try (PreparedStatement update = prepare(connection, "UPDATE " + sql.name("instance")
                + " SET stopped_at = " + sql.now() + " WHERE instance_id = ? AND app = ? AND version = ?")) {
            bindInstance(update, 1, instance);
            update.executeUpdate();
        }
    }

    /** Whether this registry is written through its routines: PostgreSQL and MariaDB from schema version 5. */
    private boolean routines(int schema) {
        return sql.hasRoutines() && schema >= RegistryDialect.ROUTINES_SINCE;
    }

    private static int grantedTtl(Instance instance) {
        return Math.max(1, Math.min(RegistryDialect.MAX_TTL_SECONDS, instance.ttlSeconds));
    }

    /** The one integer a registry function (or a procedure's result) answers. */
    private static int single(PreparedStatement call) throws SQLException {
        try (ResultSet rows = call.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** Marks every instance of a version stopped now; returns how many were still running. */
    public int retire(Connection connection, String app, String version) throws SQLException {
        try (PreparedStatement update = prepare(connection, "UPDATE " + sql.name("instance")
                + " SET stopped_at = " + sql.now() + " WHERE app = ? AND version = ? AND stopped_at IS NULL")) {
            update.setString(1, app);
            update.setString(2, version);
            return update.executeUpdate();
        }
    }

    /**
     * Makes {@code declared} the declared usage of its version in the database named {@code catalog}, replacing
     * whatever was declared for that version there before, in one transaction; retried whole when two declarations
     * of it race. Returns how many uses the previous declaration held. The registry must be of schema version 7 on.
     */
    public int declare(Connection connection, String catalog, DeclaredVersion declared) throws SQLException {
        java.util.TreeSet<UsageKey> keys = new java.util.TreeSet<>();
        for (dev.driftguard.internal.sql.ColumnUse use : declared.uses()) {
            keys.add(UsageKey.of(catalog, use)); // two names that differ only past the registry's limit are one row
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                try (PreparedStatement delete = prepare(connection, "DELETE FROM " + sql.name("declared_usage")
                        + " WHERE app = ? AND version = ? AND table_catalog = ?");
                     PreparedStatement insert = prepare(connection, "INSERT INTO " + sql.name("declared_usage")
                             + " (" + RegistryDialect.Key.COLUMNS + ", via, via_key, declared_at) VALUES"
                             + " (?, ?, ?, ?, ?, ?, ?, ?, ?, " + sql.now() + ")")) {
                    delete.setString(1, declared.app());
                    delete.setString(2, declared.version());
                    delete.setString(3, catalog);
                    int replaced = delete.executeUpdate();
                    for (UsageKey key : keys) {
                        insert.setString(1, declared.app());
                        insert.setString(2, declared.version());
                        insert.setString(3, key.catalog);
                        insert.setString(4, key.schema);
                        insert.setString(5, key.table);
                        insert.setString(6, key.column);
                        insert.setString(7, key.access.label());
                        insert.setString(8, key.via);
                        insert.setString(9, key.viaKey());
                        insert.addBatch();
                    }
                    if (!keys.isEmpty()) {
                        insert.executeBatch();
                    }
                    connection.commit();
                    return replaced;
                } catch (SQLException e) {
                    connection.rollback();
                    if (attempt >= RETRIES || !isConflict(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Writes who ran which refused statement anyway, and why. */
    public void recordOverride(Connection connection, String app, String version, String instanceId, String statement,
                               String reason) throws SQLException {
        boolean routines = routines(version(connection));
        try (PreparedStatement insert = prepare(connection, routines ? sql.call("add_override", 5)
                : "INSERT INTO " + sql.name("override_log")
                + " (app, version, instance_id, statement, reason, db_user) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, app);
            insert.setString(2, version);
            insert.setString(3, instanceId);
            insert.setString(4, statement);
            insert.setString(5, reason);
            if (!routines) {
                insert.setString(6, connection.getMetaData().getUserName());
            }
            insert.execute();
        }
    }

    /** Records drift incidents of one instance in the database named {@code catalog}. */
    void recordIncidents(Connection connection, Instance instance, String catalog, List<DriftIncident> incidents,
                         int schema) throws SQLException {
        try (PreparedStatement insert = prepare(connection, routines(schema) ? sql.call("add_incident", 8)
                : "INSERT INTO " + sql.name("drift_incident")
                + " (instance_id, app, version, table_catalog, table_schema, table_name, column_name, kind)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (DriftIncident incident : incidents) {
                bindInstance(insert, 1, instance);
                insert.setString(4, catalog);
                insert.setString(5, incident.schema());
                insert.setString(6, incident.table());
                insert.setString(7, incident.column());
                insert.setString(8, incident.kind().name().toLowerCase(java.util.Locale.ROOT));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** What earlier instances of this version already published. */
    Set<UsageKey> keysOf(Connection connection, String app, String version, int schema) throws SQLException {
        Set<UsageKey> keys = new HashSet<>();
        try (PreparedStatement query = prepare(connection, "SELECT table_catalog, table_schema, table_name,"
                + " column_name, access, " + (schema >= RegistryDialect.VIA_SINCE ? "via" : "''") + " FROM "
                + sql.name("column_usage") + " WHERE app = ? AND version = ?")) {
            query.setString(1, app);
            query.setString(2, version);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new UsageKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            Access.stored(rows.getString(5)), rows.getString(6)));
                }
            }
        }
        return keys;
    }

    /**
     * Adds {@code counts} to the usage of a version, creating rows for new keys, in one transaction, keys in a
     * fixed order; retried whole when the database reports a conflict, so counts are added exactly once. False
     * when the registry took them without what they are reached through: a role that may call the schema-5
     * routine and not yet the schema-6 one (its grant was not carried over) loses the via, not the use.
     */
    boolean publish(Connection connection, String app, String version, List<Map.Entry<UsageKey, Long>> counts,
                    int schema) throws SQLException {
        boolean via = schema >= RegistryDialect.VIA_SINCE;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                String text = !routines(schema) ? sql.upsertUsage(via)
                        : via ? sql.call("add_use", 10) : sql.call("add_usage", 8);
                try (PreparedStatement upsert = prepare(connection, text)) {
                    for (Map.Entry<UsageKey, Long> entry : counts) {
                        UsageKey key = entry.getKey();
                        if (schema < RegistryDialect.VIA_SINCE && key.access == Access.CALL) {
                            continue; // an older registry's event trigger would take the routine for a missing table
                        }
                        upsert.setString(1, app);
                        upsert.setString(2, version);
                        upsert.setString(3, key.catalog);
                        upsert.setString(4, key.schema);
                        upsert.setString(5, key.table);
                        upsert.setString(6, key.column);
                        upsert.setString(7, key.access.label());
                        if (via) {
                            upsert.setString(8, key.via);
                            upsert.setString(9, key.viaKey());
                        }
                        upsert.setLong(via ? 10 : 8, entry.getValue());
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                    connection.commit();
                    return via || schema < RegistryDialect.VIA_SINCE;
                } catch (SQLException e) {
                    connection.rollback();
                    if (via && routines(schema) && isDenied(e)) {
                        via = false;
                        continue;
                    }
                    if (attempt >= RETRIES || !isConflict(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** PostgreSQL's insufficient_privilege; MariaDB/MySQL's "execute command denied" (1370). */
    private static boolean isDenied(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && ("42501".equals(((SQLException) cause).getSQLState())
                    || ((SQLException) cause).getErrorCode() == 1370)) {
                return true;
            }
        }
        return false;
    }

    /** Deadlocks, serialisation failures and unique-key races between concurrent first inserts. */
    private static boolean isConflict(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                SQLException sqlException = (SQLException) cause;
                String state = sqlException.getSQLState();
                if (state != null && (state.startsWith("40") || state.equals("23505") || state.equals("23000"))) {
                    return true;
                }
                SQLException next = sqlException.getNextException();
                if (next != null && next != cause && isConflict(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean tableMissing(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        String meta = sql.name("registry_meta");
        String schema = meta.contains(".") ? meta.substring(0, meta.indexOf('.')) : null;
        String table = meta.substring(meta.indexOf('.') + 1);
        try (ResultSet tables = connection.getMetaData().getTables(schema == null ? connection.getCatalog() : null,
                schema, table, null)) {
            return !tables.next();
        }
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

    private static void bindInstance(PreparedStatement statement, int first, Instance instance) throws SQLException {
        statement.setString(first, instance.id);
        statement.setString(first + 1, instance.app);
        statement.setString(first + 2, instance.version);
    }
}
