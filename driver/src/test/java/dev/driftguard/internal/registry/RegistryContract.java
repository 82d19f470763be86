package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.sql.Access;
import dev.driftguard.internal.sql.ColumnUse;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry in each database it can live in: objects, lifecycle, concurrent publishing, upgrade. */
abstract class RegistryContract {

    abstract TestDatabase db();

    /** Statements that remove every registry object, to start from a database that never had one. */
    abstract String[] dropRegistry();

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Registry registry;
    private String app;

    @BeforeEach
    void install() throws SQLException {
        registry = Registry.forUrl(db().url());
        try (Connection connection = db().connect()) {
            registry.install(connection);
        }
        app = "app" + NEXT.incrementAndGet();
    }

    private Instance instance(String id, String version, int ttlSeconds) {
        return new Instance(id, app, version, "host-" + id, 4242, ttlSeconds);
    }

    private static List<Map.Entry<UsageKey, Long>> counts(UsageKey... keys) {
        List<Map.Entry<UsageKey, Long>> counts = new ArrayList<>();
        for (UsageKey key : keys) {
            counts.add(new AbstractMap.SimpleEntry<>(key, 1L));
        }
        return counts;
    }

    private UsageKey key(String table, String column, String access) {
        return new UsageKey(db().name(), "public", table, column, Access.stored(access), "");
    }

    /** Rows of the live view for this test's app, as {@code version table.column access instances}. */
    private List<String> live() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT version, table_name, column_name, access, live_instances FROM "
                     + registry.name("live_usage") + " WHERE app = '" + app + "' ORDER BY version, table_name, column_name, access")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + "." + result.getString(3) + " "
                        + result.getString(4) + " " + result.getInt(5));
            }
        }
        return rows;
    }

    @Test
    void liveUsageViewHasExactlyTheDesignedColumns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + registry.name("live_usage") + " WHERE 1 = 0")) {
            ResultSetMetaData meta = result.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        assertEquals(List.of("app", "version", "table_schema", "table_name", "column_name", "access", "live_instances",
                "last_seen", "via", "source"), columns);
    }

    /** Declared usage (schema 7) counts in the view while its version is live, and says where it comes from. */
    @Test
    void declaredUsageCountsInTheLiveViewOnlyWhileItsVersionIsLiveAndSaysSo() throws SQLException {
        Instance instance = instance("d", "1.0", 60);
        try (Connection connection = db().connect()) {
            assertEquals(0, registry.declare(connection, db().name(), new DeclaredVersion(app, "1.0", java.util.Set.of(
                    new ColumnUse("public", "product", "rating", Access.READ),
                    new ColumnUse("public", "product", "name", Access.READ)))));
            assertEquals(List.of(), sources(), "not live yet");
            registry.register(connection, instance, registry.version(connection));
            registry.publish(connection, app, "1.0", counts(key("product", "name", "read"), key("product", "id", "read")),
                    registry.version(connection));
            assertEquals(List.of("product.id observed seen", "product.name both seen", "product.rating declared never"),
                    sources());
            assertEquals(2, registry.declare(connection, db().name(), new DeclaredVersion(app, "1.0", java.util.Set.of())));
            assertEquals(List.of("product.id observed seen", "product.name observed seen"), sources(), "replaced");
            registry.stop(connection, instance, registry.version(connection));
        }
        assertEquals(List.of(), sources());
    }

    /** Rows of the live view for this test's app as {@code table.column source seen|never}. */
    private List<String> sources() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT table_name, column_name, source, last_seen FROM "
                     + registry.name("live_usage") + " WHERE app = '" + app + "' ORDER BY table_name, column_name")) {
            while (result.next()) {
                rows.add(result.getString(1) + "." + result.getString(2) + " " + result.getString(3) + " "
                        + (result.getTimestamp(4) == null ? "never" : "seen"));
            }
        }
        return rows;
    }

    @Test
    void installingAgainChangesNothing() throws SQLException {
        try (Connection connection = db().connect()) {
            assertEquals(RegistryDialect.CURRENT_VERSION, registry.install(connection));
            assertEquals(RegistryDialect.CURRENT_VERSION, registry.version(connection));
        }
    }

    @Test
    void usageOfALiveInstanceShowsInTheView() throws SQLException {
        try (Connection connection = db().connect()) {
            registry.register(connection, instance("a", "1.0", 60), registry.version(connection));
            registry.publish(connection, app, "1.0", counts(key("product", "rating", "read"), key("product", "*", "write")), registry.version(connection));
        }
        assertEquals(List.of("1.0 product.* write 1", "1.0 product.rating read 1"), live());
    }

    @Test
    void theRegistryClockIsNeverBeforeAStartItRecorded() throws SQLException {
        try (Connection connection = db().connect()) {
            registry.register(connection, instance("clock", "1.0", 60), registry.version(connection));
            OffsetDateTime now = registry.reader().now(connection);
            OffsetDateTime started = registry.reader().versions(connection).stream()
                    .filter(version -> version.app.equals(app)).findFirst().orElseThrow().firstStarted;
            assertFalse(now.isBefore(started), "now " + now + ", started " + started);
        }
    }

    @Test
    void stoppedInstanceLeavesTheViewAtOnce() throws SQLException {
        Instance instance = instance("b", "1.0", 60);
        try (Connection connection = db().connect()) {
            registry.register(connection, instance, registry.version(connection));
            registry.publish(connection, app, "1.0", counts(key("product", "rating", "read")), registry.version(connection));
            registry.stop(connection, instance, registry.version(connection));
        }
        assertEquals(List.of(), live());
    }

    @Test
    void instanceNotHeardFromForItsTtlIsNotLive() throws SQLException {
        try (Connection connection = db().connect()) {
            registry.register(connection, instance("c", "1.0", 1), registry.version(connection));
            registry.publish(connection, app, "1.0", counts(key("product", "rating", "read")), registry.version(connection));
        }
        Await.until("the instance's TTL to run out", Duration.ofSeconds(10), () -> {
            try {
                return live().isEmpty();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void liveInstancesOfAVersionAreCounted() throws SQLException {
        try (Connection connection = db().connect()) {
            registry.register(connection, instance("d1", "2.0", 60), registry.version(connection));
            registry.register(connection, instance("d2", "2.0", 60), registry.version(connection));
            registry.publish(connection, app, "2.0", counts(key("orders", "total", "read")), registry.version(connection));
        }
        assertEquals(List.of("2.0 orders.total read 2"), live());
    }

    @Test
    void newInstanceOfAVersionInheritsWhatEarlierOnesUsed() throws SQLException {
        try (Connection connection = db().connect()) {
            Instance first = instance("e1", "3.0", 60);
            registry.register(connection, first, registry.version(connection));
            registry.publish(connection, app, "3.0", counts(key("member", "member_id", "read")), registry.version(connection));
            registry.stop(connection, first, registry.version(connection));
            registry.register(connection, instance("e2", "3.0", 60), registry.version(connection));
        }
        assertEquals(List.of("3.0 member.member_id read 1"), live());
    }

    @Test
    void retireStopsEveryInstanceOfTheVersion() throws SQLException {
        try (Connection connection = db().connect()) {
            registry.register(connection, instance("f1", "4.0", 60), registry.version(connection));
            registry.register(connection, instance("f2", "4.0", 60), registry.version(connection));
            registry.publish(connection, app, "4.0", counts(key("product", "name", "read")), registry.version(connection));
            assertEquals(2, registry.retire(connection, app, "4.0"));
        }
        assertEquals(List.of(), live());
    }

    @Test
    void upgradeFromTheFirstSchemaVersionKeepsEveryRow() throws SQLException {
        db().execute(dropRegistry());
        try (Connection connection = db().connect()) {
            assertEquals(0, registry.version(connection));
            registry.migrateTo(connection, 1);
            registry.register(connection, instance("u1", "0.9", 60), registry.version(connection));
            registry.publish(connection, app, "0.9", counts(key("product", "rating", "read")), registry.version(connection));
            assertEquals(1, registry.install(connection));
            assertEquals(RegistryDialect.CURRENT_VERSION, registry.version(connection));
        }
        assertEquals(List.of("0.9 product.rating read 1"), live());
    }

    /**
     * Schema 6 puts the object a use is reached through into the key. Rows written before stay; an instance of
     * an older driftguard that still writes the schema-5 way adds to the direct row; a use through a view is a
     * row of its own.
     */
    @Test
    void upgradeToViaKeepsRowsAndOlderWritersStillAddToTheDirectUse() throws SQLException {
        db().execute(dropRegistry());
        int before = RegistryDialect.VIA_SINCE - 1;
        try (Connection connection = db().connect()) {
            for (int version = 1; version <= before; version++) {
                registry.migrateTo(connection, version);
            }
            registry.register(connection, instance("v5", "5.0", 60), before);
            registry.publish(connection, app, "5.0", counts(key("product", "rating", "read")), before);
            assertEquals(before, registry.install(connection));
            registry.publish(connection, app, "5.0", counts(key("product", "rating", "read")), before);
            registry.publish(connection, app, "5.0", counts(new UsageKey(db().name(), "public", "product", "rating",
                    Access.READ, "view public.rated"), key("avg_stars", "", "call")), RegistryDialect.CURRENT_VERSION);
        }
        List<String> rows = new ArrayList<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT u.table_name, u.column_name, u.access, u.via, c.use_count"
                     + " FROM " + registry.name("live_usage") + " u JOIN " + registry.name("column_usage") + " c"
                     + " ON c.app = u.app AND c.version = u.version AND c.table_name = u.table_name"
                     + " AND c.column_name = u.column_name AND c.access = u.access AND c.via = u.via"
                     + " WHERE u.app = '" + app + "' ORDER BY 1, 2, 3, 4")) {
            while (result.next()) {
                rows.add(result.getString(1) + "." + result.getString(2) + " " + result.getString(3) + " ["
                        + result.getString(4) + "] " + result.getLong(5));
            }
        }
        assertEquals(List.of("avg_stars. call [] 1", "product.rating read [] 2", "product.rating read [view public.rated] 1"),
                rows);
    }

    @Test
    void instanceOfANewerDriverStaysLiveInARegistryItCouldNotUpgrade() throws SQLException {
        db().execute(dropRegistry());
        try (Connection connection = db().connect()) {
            for (int version = 1; version <= 3; version++) {
                registry.migrateTo(connection, version);
            }
            registry.register(connection, instance("old", "3.0", 60), registry.version(connection));
            assertEquals(Registry.Beat.ALIVE, registry.heartbeat(connection, instance("old", "3.0", 60), null, registry.version(connection)));
            registry.install(connection);
        }
    }

    @Test
    void fiftyConcurrentPublishersEndWithExactCounts() throws Exception {
        int publishers = 50;
        int rounds = 10;
        List<UsageKey> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(key("t" + (i % 4), "c" + i, i % 3 == 0 ? "write" : "read"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                String id = "pub" + p;
                done.add(pool.submit(() -> {
                    try (Connection connection = db().connect()) {
                        registry.register(connection, instance(id, "5.0", 60), registry.version(connection));
                        for (int round = 0; round < rounds; round++) {
                            registry.publish(connection, app, "5.0", counts(keys.toArray(new UsageKey[0])), registry.version(connection));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*), MIN(use_count), MAX(use_count) FROM "
                     + registry.name("column_usage") + " WHERE app = '" + app + "'")) {
            assertTrue(result.next());
            assertEquals(20, result.getInt(1));
            assertEquals(publishers * rounds, result.getLong(2));
            assertEquals(publishers * rounds, result.getLong(3));
        }
    }
}
