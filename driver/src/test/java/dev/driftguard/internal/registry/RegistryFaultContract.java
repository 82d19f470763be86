package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.base.ConnectionSource;
import dev.driftguard.internal.config.Environment;
import dev.driftguard.internal.config.Settings;
import dev.driftguard.internal.guard.Guard;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.SilentServer;
import dev.driftguard.testsupport.TestDatabase;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry misbehaving while an instance runs: a lock held on it longer than the TTL, a host that accepts
 * connections and never answers. Liveness must not depend on publication, no count may be lost, and neither the
 * guard nor a JVM exit may wait beyond its deadline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryFaultContract {

    private static final int TTL_SECONDS = 3;
    private static final AtomicInteger NEXT = new AtomicInteger();

    abstract TestDatabase db();

    abstract Dialect dialect();

    /** Takes a lock on {@code table} that lets others read it but not write it, until {@link #unlock}. */
    abstract void lockAgainstWrites(Statement locker, String table) throws SQLException;

    abstract void unlock(Statement locker) throws SQLException;

    /** A URL of this database's kind pointing at {@code port} on loopback. */
    abstract String urlAt(int port);

    /** The server's id of the session a query runs in. */
    abstract String sessionIdQuery();

    /** The ids of every session the server holds. */
    abstract String sessionsQuery();

    /** Ends session {@code id} from another one, as a registry restart or an idle-session timeout would. */
    abstract String endSession(long id);

    private ShapeParser parser;
    private RegistryAgent agent;
    private String app;

    @BeforeAll
    void schema() throws SQLException {
        db().execute("CREATE TABLE product (id INT PRIMARY KEY, name VARCHAR(40), rating INT, note VARCHAR(40))");
    }

    @BeforeEach
    void start() {
        parser = new ShapeParser(64, 2_000);
        app = "fault" + NEXT.incrementAndGet();
        agent = new RegistryAgent();
    }

    @AfterEach
    void stop() {
        agent.shutdown();
        parser.shutdown();
    }

    private String name(String object) {
        return Registry.forUrl(db().url()).name(object);
    }

    private UsageRecorder recorder() {
        return new UsageRecorder(dialect(), new JdbcCatalog(db()::connect, dialect()), parser, 1_000);
    }

    private void run(UsageRecorder recorder, String sql, int times) {
        for (int i = 0; i < times; i++) {
            recorder.statement(sql);
        }
        Await.until("the statement parsed", Duration.ofSeconds(10), () -> recorder.pending() == 0);
    }

    /** The measured fault: a 40 s lock stopped the heartbeat inside the usage upsert; the instance expired, a drop ran. */
    @Test
    void heartbeatsKeepTheInstanceLiveWhileItsPublicationWaitsBehindALockLongerThanTheTtl() throws Exception {
        UsageRecorder recorder = recorder();
        Publication publication = new Publication(db().url(), db()::connect, new JdbcCatalog(db()::connect, dialect()),
                recorder, "host-1:1:" + app, app, "1.0", TTL_SECONDS);
        run(recorder, "SELECT rating FROM product", 10);
        agent.start(publication, 1);
        Await.until("rating in the live view", Duration.ofSeconds(30), () -> liveColumns().containsKey("rating"));

        try (Connection locking = db().connect(); Statement locker = locking.createStatement()) {
            lockAgainstWrites(locker, name("column_usage"));
            Timestamp lockedAt = lastHeartbeat();
            run(recorder, "SELECT name FROM product", 7); // a new key: its publication now waits behind the lock
            Await.until("heartbeats for longer than the TTL while the lock is held", Duration.ofSeconds(30),
                    () -> lastHeartbeat().getTime() > lockedAt.getTime() + (TTL_SECONDS + 1) * 1_000L);
            assertTrue(liveColumns().containsKey("rating"), "the instance stays live behind the lock");

            SQLException refused = assertThrows(SQLException.class, () -> dropAsMigration("rating"));
            assertEquals("ZDG01", refused.getSQLState(), refused.getMessage());
            assertTrue(refused.getMessage().contains(app + " 1.0"), refused.getMessage());
            assertTrue(liveColumns().get("name") == null, "the new key waits behind the lock");
            unlock(locker);
        }
        Await.until("the held-up publication retried", Duration.ofSeconds(30), () -> liveColumns().containsKey("name"));
        agent.shutdown(); // the last publication flushes every count
        assertEquals(Map.of("rating", 10L, "name", 7L), useCounts());
    }

    /** The measured fault: JVM exit waited about 10 s in the shutdown hook for a registry that never answered. */
    @Test
    void shutdownWaitsAtMostOneSecondForARegistryThatNeverAnswers() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            String url = urlAt(silent.port());
            Registry bounded = Registry.forUrl(url).withTimeout(Publication.statementSeconds(60));
            Properties properties = bounded.boundedConnecting(db().credentials());
            UsageRecorder recorder = recorder();
            Publication publication = new Publication(url, () -> DriverManager.getConnection(url, properties),
                    new JdbcCatalog(db()::connect, dialect()), recorder, "host-1:2:" + app, app, "2.0", 60);
            run(recorder, "SELECT rating FROM product", 3);
            agent.start(publication, 1);
            Await.until("the heartbeat waiting on the silent host", Duration.ofSeconds(10), () -> silent.connections() > 0);
            long started = System.nanoTime();
            agent.shutdown();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < RegistryAgent.SHUTDOWN_MILLIS + 500, "shutdown took " + millis + " ms");
        }
    }

    /** The measured fault: more than 40 s against a host that accepts connections and never answers. */
    @Test
    void guardAnswersCannotDecideWithinItsDeadlineAgainstARegistryThatNeverAnswers() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            Properties properties = db().credentials();
            properties.setProperty("driftguard.app", app + "_migration");
            properties.setProperty("driftguard.version", "9.0");
            properties.setProperty("driftguard.record", "off");
            properties.setProperty("driftguard.registry.url", urlAt(silent.port()));
            properties.setProperty("driftguard.guard.timeout.seconds", "2");
            SQLException answer = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
                     Statement statement = connection.createStatement()) {
                    statement.execute("SELECT rating FROM product"); // the application's statements go on
                    return assertThrows(SQLException.class, () -> statement.execute("ALTER TABLE product DROP COLUMN rating"));
                }
            });
            assertEquals("ZDG02", answer.getSQLState(), answer.getMessage());
            assertTrue(answer.getMessage().contains("did not answer within 2 s"), answer.getMessage());
        }
    }

    /** The measured cost: a new registry connection per heartbeat, 50 a second for 500 instances (docs/benchmarks.md). */
    @Test
    void heartbeatsGoOverOneConnectionThatTheServerHoldsThroughout() {
        List<Long> opened = new CopyOnWriteArrayList<>();
        Publication publication = quietInstance(opened, "3.0");
        agent.start(publication, 1);
        awaitHeartbeats(publication, 3); // registering, and the first publication beside it, may each open one
        int openedBeforeSteadyState = opened.size();
        Set<Long> kept = heldByServer(opened);
        assertEquals(1, kept.size(), "one registry connection held; opened " + opened);

        for (int beat = 0; beat < 8; beat++) {
            awaitHeartbeats(publication, 1);
            assertEquals(kept, heldByServer(opened), "the same session, held by the server, after heartbeat " + beat);
        }
        assertEquals(openedBeforeSteadyState, opened.size(), "connections opened over 8 heartbeats");
        assertEquals(0, publication.registryErrors());
        agent.stop(publication);
        Await.until("the kept connection closed at stop", Duration.ofSeconds(10), () -> heldByServer(opened).isEmpty());
    }

    /** What a restarted registry does to each kept connection: the server ends it while the instance runs. */
    @Test
    void aKeptConnectionTheServerEndedIsReplacedWithoutAFailedHeartbeat() throws SQLException {
        List<Long> opened = new CopyOnWriteArrayList<>();
        Publication publication = quietInstance(opened, "4.0");
        agent.start(publication, 1);
        awaitHeartbeats(publication, 3);
        Set<Long> before = heldByServer(opened);
        assertEquals(1, before.size(), "one registry connection held; opened " + opened);
        long ended = before.iterator().next();

        db().execute(endSession(ended));
        Await.until("the server ended the session", Duration.ofSeconds(10), () -> !heldByServer(opened).contains(ended));
        awaitHeartbeats(publication, 2);

        assertEquals(0, publication.registryErrors(), "heartbeats failed after the session ended");
        assertEquals(Boolean.TRUE, publication.registryReachable());
        Set<Long> after = heldByServer(opened);
        assertEquals(1, after.size(), "one registry connection held again; opened " + opened);
        assertFalse(after.contains(ended));
    }

    /** A migration through the driver checks every DDL statement: one registry connection per statement before. */
    @Test
    void guardChecksGoOverTheKeptConnectionAndReplaceOneTheServerEnded() throws SQLException {
        List<Long> opened = new CopyOnWriteArrayList<>();
        Properties properties = db().credentials();
        properties.setProperty(Settings.APP, app + "_migration");
        properties.setProperty(Settings.VERSION, "9.0");
        try (KeptConnection kept = new KeptConnection(counting(opened)); Connection migration = db().connect()) {
            Guard guard = new Guard(Settings.resolve(properties, Environment.ofThisProcess()), dialect(),
                    new JdbcCatalog(db()::connect, dialect()), db().url(), kept, parser.watchdog(), 2_000);
            // nobody uses product.note: each check reads the registry and lets it through
            for (int check = 0; check < 10; check++) {
                guard.beforeDdl("ALTER TABLE product DROP COLUMN note", dialect().lexer(), migration);
            }
            assertEquals(1, opened.size(), "registry connections opened for 10 checks: " + opened);
            Set<Long> held = heldByServer(opened);
            assertEquals(1, held.size(), "the server holds the kept connection");

            db().execute(endSession(held.iterator().next()));
            Await.until("the server ended the session", Duration.ofSeconds(10), () -> heldByServer(opened).isEmpty());
            guard.beforeDdl("ALTER TABLE product DROP COLUMN note", dialect().lexer(), migration); // no ZDG02
            assertEquals(2, opened.size(), "a new connection replaced the ended one: " + opened);
            assertEquals(0, guard.refusals());
        }
        Await.until("the kept connection closed with its owner", Duration.ofSeconds(10),
                () -> heldByServer(opened).isEmpty());
    }

    /** Connections to the test database, each one's server session id added to {@code opened}. */
    private ConnectionSource counting(List<Long> opened) {
        return () -> {
            Connection connection = db().connect();
            try (Statement statement = connection.createStatement();
                 ResultSet id = statement.executeQuery(sessionIdQuery())) {
                id.next();
                opened.add(id.getLong(1));
            }
            return connection;
        };
    }

    /** An instance that runs no statements: after registering, its registry cost is its heartbeat. */
    private Publication quietInstance(List<Long> opened, String version) {
        return new Publication(db().url(), counting(opened), new JdbcCatalog(db()::connect, dialect()), recorder(), "host-1:3:" + app + version, app, version, TTL_SECONDS);
    }

    /** Those of {@code opened} that the server still holds. */
    private Set<Long> heldByServer(List<Long> opened) {
        Set<Long> held = new HashSet<>();
        try (Connection connection = db().connect(); Statement statement = connection.createStatement();
             ResultSet sessions = statement.executeQuery(sessionsQuery())) {
            while (sessions.next()) {
                held.add(sessions.getLong(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        held.retainAll(opened);
        return held;
    }

    /** Waits for {@code count} more heartbeats the registry answered. */
    private static void awaitHeartbeats(Publication publication, int count) {
        long[] last = {publication.lastHeartbeatMillis()};
        int[] seen = {0};
        Await.until(count + " heartbeats", Duration.ofSeconds(5L * count + 10), () -> {
            long now = publication.lastHeartbeatMillis();
            if (now != last[0]) {
                last[0] = now;
                seen[0]++;
            }
            return seen[0] >= count;
        });
    }

    private void dropAsMigration(String column) throws SQLException {
        Properties properties = db().credentials();
        properties.setProperty("driftguard.app", app + "_migration");
        properties.setProperty("driftguard.version", "2.0");
        properties.setProperty("driftguard.record", "off");
        try (Connection connection = DriverManager.getConnection(db().driftguardUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE product DROP COLUMN " + column);
        }
    }

    private Timestamp lastHeartbeat() {
        try (Connection connection = db().connect();
             PreparedStatement query = connection.prepareStatement("SELECT last_heartbeat FROM " + name("instance")
                     + " WHERE app = ?")) {
            query.setString(1, app);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getTimestamp(1) : new Timestamp(0);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Column → live instances, of this test's app in the live view. */
    private Map<String, Long> liveColumns() {
        return columns("SELECT column_name, live_instances FROM " + name("live_usage") + " WHERE app = ?");
    }

    private Map<String, Long> useCounts() {
        return columns("SELECT column_name, use_count FROM " + name("column_usage") + " WHERE app = ? AND version = '1.0'");
    }

    private Map<String, Long> columns(String sql) {
        Map<String, Long> columns = new LinkedHashMap<>();
        try (Connection connection = db().connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, app);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1).toLowerCase(java.util.Locale.ROOT), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            return Map.of();
        }
        return columns;
    }
}
