package dev.driftguard.internal.registry;

import dev.driftguard.internal.sql.Access;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixture: puts live (or stopped) application versions and their usage into a real registry. */
public final class LiveVersions {

    private final TestDatabase db;
    private final Registry registry;
    /** The database's name as its catalog spells it, as driftguard's publication records it (H2: upper case). */
    private final String database;

    /** Installs the registry in {@code db}. */
    public LiveVersions(TestDatabase db) throws SQLException {
        this.db = db;
        this.registry = Registry.forUrl(db.url());
        try (Connection connection = db.connect()) {
            registry.install(connection);
            database = connection.getCatalog();
        }
    }

    /**
     * One live instance of {@code app version} that uses {@code uses}, each {@code read table.column},
     * {@code write table.column} or {@code call routine} in {@code schema}, optionally followed by
     * {@code via <object>}.
     */
    public void live(String app, String version, String schema, String... uses) throws SQLException {
        List<Map.Entry<UsageKey, Long>> counts = new ArrayList<>();
        for (String use : uses) {
            String[] words = use.split(" ", 4); // access name [via object]
            String[] name = (words[1] + (words[0].equals("call") ? "." : "")).split("\\.", 2);
            String via = words.length == 4 ? words[3] : "";
            counts.add(new AbstractMap.SimpleEntry<>(new UsageKey(database, schema, name[0], name[1], Access.stored(words[0]), via), 1L));
        }
        try (Connection connection = db.connect()) {
            registry.register(connection, instance(app, version), registry.version(connection));
            registry.publish(connection, app, version, counts, registry.version(connection));
        }
    }

    /**
     * Declares {@code uses} (as {@link #live} takes them, without via) for {@code app version} in this database, as
     * {@code declare} does, replacing an earlier declaration.
     */
    public void declared(String app, String version, String schema, String... uses) throws SQLException {
        java.util.Set<dev.driftguard.internal.sql.ColumnUse> declared = new java.util.HashSet<>();
        for (String use : uses) {
            String[] words = use.split(" ", 2);
            String[] name = words[1].split("\\.", 2);
            declared.add(new dev.driftguard.internal.sql.ColumnUse(schema, name[0], name[1], Access.stored(words[0])));
        }
        try (Connection connection = db.connect()) {
            registry.declare(connection, database, new DeclaredVersion(app, version, declared));
        }
    }

    /** Like {@link #live}, then stopped: a retired version whose usage stays in the registry. */
    public void retired(String app, String version, String schema, String... uses) throws SQLException {
        live(app, version, schema, uses);
        stop(app, version);
    }

    /** Moves the start of the version's instance {@code days} into the past, on the registry's clock. */
    public void startedDaysAgo(String app, String version, int days) throws SQLException {
        try (Connection connection = db.connect();
             java.sql.Statement clock = connection.createStatement();
             java.sql.ResultSet now = clock.executeQuery("SELECT CURRENT_TIMESTAMP");
             java.sql.PreparedStatement update = connection.prepareStatement("UPDATE " + registry.name("instance")
                     + " SET started_at = ? WHERE app = ? AND version = ?")) {
            now.next();
            update.setTimestamp(1, java.sql.Timestamp.from(now.getTimestamp(1).toInstant()
                    .minus(java.time.Duration.ofDays(days))));
            update.setString(2, app);
            update.setString(3, version);
            update.executeUpdate();
        }
    }

    /** Marks every instance in the registry stopped, so a test starts with no live version. */
    public void stopAll() throws SQLException {
        db.execute("UPDATE " + registry.name("instance") + " SET stopped_at = CURRENT_TIMESTAMP WHERE stopped_at IS NULL");
    }

    /** Marks the instance of {@code app version} stopped. */
    public void stop(String app, String version) throws SQLException {
        try (Connection connection = db.connect()) {
            registry.retire(connection, app, version);
        }
    }

    private static Instance instance(String app, String version) {
        return new Instance("fixture:" + app + ":" + version, app, version, "fixture-host", 1, 3600);
    }
}
