package dev.driftguard.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.internal.jdbc.DdlInterceptor;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.testsupport.Await;
import dev.driftguard.testsupport.TestDatabase;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One version of one application publishing to a registry in a database of its own, which can go away. */
class PublicationTest {

    @RegisterExtension
    static final TestDatabase APP = TestDatabase.postgres();

    @RegisterExtension
    static final TestDatabase REGISTRY = TestDatabase.postgres();

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final ShapeParser parser = new ShapeParser(64, 2_000);
    private final UsageRecorder recorder = new UsageRecorder(Dialect.POSTGRES,
            new JdbcCatalog(APP::connect, Dialect.POSTGRES), parser, 1_000);
    private final AtomicInteger registryStatements = new AtomicInteger();
    private final String version = "v" + NEXT.incrementAndGet();
    private final Publication publication = new Publication(REGISTRY.url(),
            () -> new ConnectionWrapper(dev.driftguard.internal.sql.Dialect.POSTGRES.lexer(), sql -> registryStatements.incrementAndGet(), DdlInterceptor.NONE)
                    .wrap(REGISTRY.connect()),
            new JdbcCatalog(APP::connect, Dialect.POSTGRES), recorder, "host-1:77:abcd", "shop", version, 60);

    @BeforeAll
    static void schema() throws SQLException {
        APP.execute("CREATE TABLE product (id INT PRIMARY KEY, name TEXT, rating INT)");
    }

    @AfterEach
    void stop() throws SQLException {
        parser.shutdown();
        APP.execute("ALTER DATABASE " + REGISTRY.name() + " ALLOW_CONNECTIONS true");
    }

    private void run(String sql) {
        recorder.statement(sql);
        Await.until("the statement parsed", Duration.ofSeconds(10), () -> recorder.pending() == 0);
    }

    private List<String> live() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = REGISTRY.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT table_name || '.' || column_name || ' ' || access"
                     + " FROM driftguard.live_usage WHERE version = '" + version + "' ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private void registryGoesAway() throws SQLException {
        APP.execute("ALTER DATABASE " + REGISTRY.name() + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + REGISTRY.name() + "'");
    }

    @Test
    void keysSeenBeforeAHeartbeatAreInTheViewAfterIt() throws SQLException {
        run("SELECT name FROM product WHERE rating > 3");
        publication.cycle();
        assertEquals(List.of("product.name read", "product.rating read"), live());
    }

    @Test
    void steadyStateCostsTheRegistryOneStatementPerHeartbeat() {
        run("SELECT name FROM product");
        publication.cycle();
        recorder.statement("SELECT name FROM product");
        int before = registryStatements.get();
        publication.cycle();
        publication.cycle();
        publication.cycle();
        assertEquals(3, registryStatements.get() - before);
    }

    @Test
    void keysRecordedWhileTheRegistryIsDownArePublishedWhenItIsBack() throws SQLException {
        run("SELECT name FROM product");
        publication.cycle();
        registryGoesAway();
        run("UPDATE product SET rating = 5 WHERE id = 1");
        publication.cycle();
        publication.cycle();
        APP.execute("ALTER DATABASE " + REGISTRY.name() + " ALLOW_CONNECTIONS true");
        publication.cycle();
        assertEquals(List.of("product.id read", "product.name read", "product.rating write"), live());
    }

    @Test
    void firstUseOfAColumnByTheVersionIsLoggedOnceAtInfo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run("SELECT rating FROM product");
            publication.cycle();
            recorder.statement("SELECT rating FROM product");
            publication.cycle();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        String line = "driftguard: shop " + version + " now reads product.rating";
        assertTrue(log.contains(line), log);
        assertEquals(log.indexOf(line), log.lastIndexOf(line), log);
    }

    /** The measured fault: a second warning said the registry could not be reached, which was not the problem. */
    @Test
    void aUserThatMayNotCreateTheRegistryGetsOneWarningSayingWhoMust() throws SQLException {
        String role = "dg_nocreate_" + version;
        APP.execute("CREATE ROLE " + role + " LOGIN");
        java.util.Properties asRole = new java.util.Properties();
        asRole.setProperty("user", role);
        Publication withoutRights = new Publication(APP.url(), () -> java.sql.DriverManager.getConnection(APP.url(), asRole),
                new JdbcCatalog(APP::connect, Dialect.POSTGRES), recorder, "host-2:78:abcd", "shop", version, 60);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run("SELECT rating FROM product");
            for (int i = 0; i < 3; i++) {
                withoutRights.cycle();
            }
        } finally {
            System.setErr(original);
            APP.execute("DROP ROLE " + role);
        }
        List<String> warnings = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(" WARN ")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, warnings.size(), String.join("\n", warnings));
        assertTrue(warnings.get(0).contains("driftguard-cli.jar install"), warnings.get(0));
    }

    @Test
    void useCountsAreExactAcrossHeartbeatsThatPublishNewKeysAndOnesThatDoNot() throws SQLException {
        for (int i = 0; i < 10; i++) {
            run("SELECT name FROM product");
        }
        publication.cycle(); // name is new: published with its 10
        for (int i = 0; i < 7; i++) {
            recorder.statement("SELECT name FROM product");
        }
        run("SELECT rating FROM product");
        publication.cycle(); // only rating is new: name's 7 must wait, not vanish
        publication.cycle();
        publication.stop(System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5)); // the last cycle flushes every count
        try (Connection connection = REGISTRY.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT column_name, use_count FROM driftguard.column_usage"
                     + " WHERE version = '" + version + "' ORDER BY 1")) {
            assertTrue(rows.next());
            assertEquals("name", rows.getString(1));
            assertEquals(17, rows.getLong(2));
            assertTrue(rows.next());
            assertEquals("rating", rows.getString(1));
            assertEquals(1, rows.getLong(2));
        }
    }

    /** Measured before: one such name made every later publication of the process fail. */
    @Test
    void aNameTheRegistryCannotHoldIsStoredBoundedAndBlocksNothingElse() throws SQLException {
        run("SELECT \"bad\u0000name\" FROM product"); // PostgreSQL stores no NUL in a text column
        publication.cycle();
        run("SELECT name FROM product");
        publication.cycle();
        assertEquals(List.of("product.bad\uFFFDname read", "product.name read"), live());
    }

    @Test
    void longNamesAreCutWithAHashSoThatDifferentOnesStayApart() {
        String a = "c".repeat(200) + "a";
        String b = "c".repeat(200) + "b";
        assertEquals(UsageKey.NAME_LIMIT, UsageKey.stored(a).length());
        assertTrue(UsageKey.stored(a).startsWith("c".repeat(119) + "~"));
        assertNotEquals(UsageKey.stored(a), UsageKey.stored(b));
        assertEquals("short", UsageKey.stored("short"));
    }

    @Test
    void stoppedPublicationLeavesTheView() throws SQLException {
        run("SELECT name FROM product");
        publication.cycle();
        publication.stop(System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5));
        assertEquals(List.of(), live());
    }
}
