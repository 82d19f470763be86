package dev.driftguard.bench;

import dev.driftguard.internal.jdbc.ConnectionWrapper;
import dev.driftguard.internal.jdbc.DdlInterceptor;
import dev.driftguard.internal.registry.Publication;
import dev.driftguard.internal.registry.Registry;
import dev.driftguard.internal.sql.Catalog;
import dev.driftguard.internal.sql.JdbcCatalog;
import dev.driftguard.internal.sql.Dialect;
import dev.driftguard.internal.usage.ShapeParser;
import dev.driftguard.internal.usage.UsageRecorder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulates a fleet against one PostgreSQL registry: 500 versions × 5,000 columns of usage, 500 instances
 * heartbeating every 10 s with real {@link Publication}s, and the precheck query timed on that data.
 * {@code java -cp bench/target/benchmarks.jar dev.driftguard.bench.RegistryScale [adminUrl] [seconds]}
 */
public final class RegistryScale {

    private static final int VERSIONS = 500;
    private static final int COLUMNS = 5_000;
    private static final int HEARTBEAT_SECONDS = 10;

    private RegistryScale() {
    }

    public static void main(String[] args) throws Exception {
        String admin = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + "driftguard_registry_scale";
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS driftguard_registry_scale WITH (FORCE)");
            statement.execute("CREATE DATABASE driftguard_registry_scale");
        }
        long loaded = load(url);
        System.out.printf("loaded %,d usage rows (%d versions x %d columns) in %d ms%n", (long) VERSIONS * COLUMNS,
                VERSIONS, COLUMNS, loaded);
        heartbeat(url, seconds);
        precheck(url);
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE driftguard_registry_scale WITH (FORCE)");
        }
    }

    private static long load(String url) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            Registry.forUrl(url).install(connection);
            statement.execute("INSERT INTO driftguard.column_usage SELECT 'shop', 'v' || v, 'shop', 'public',"
                    + " 't' || (c % 250), 'c' || c, CASE WHEN c % 5 = 0 THEN 'write' ELSE 'read' END, now(), now(), 1"
                    + " FROM generate_series(1, " + VERSIONS + ") v, generate_series(1, " + COLUMNS + ") c");
            statement.execute("ANALYZE driftguard.column_usage");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** 500 instances, one per version, each with its own publication, on a small pool of heartbeat threads. */
    private static void heartbeat(String url, int seconds) throws Exception {
        AtomicLong statements = new AtomicLong();
        AtomicLong connections = new AtomicLong();
        ShapeParser parser = new ShapeParser(1024, 2_000);
        List<Publication> fleet = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            UsageRecorder recorder = new UsageRecorder(Dialect.POSTGRES, Catalog.NONE, parser, 100);
            fleet.add(new Publication(url, () -> {
                connections.incrementAndGet();
                return new ConnectionWrapper(Dialect.POSTGRES.lexer(), sql -> statements.incrementAndGet(), DdlInterceptor.NONE)
                        .wrap(DriverManager.getConnection(url, "postgres", ""));
            }, new JdbcCatalog(() -> DriverManager.getConnection(url, "postgres", ""), Dialect.POSTGRES), recorder, "sim-host:" + v + ":0000", "shop",
                    "v" + v, 60));
        }
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8);
        for (int i = 0; i < fleet.size(); i++) {
            Publication publication = fleet.get(i);
            long offsetMillis = i * HEARTBEAT_SECONDS * 1000L / fleet.size();
            pool.scheduleWithFixedDelay(publication::cycle, offsetMillis, HEARTBEAT_SECONDS * 1000L, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(2L * HEARTBEAT_SECONDS * 1000); // every instance registered; what follows is steady state
        long statementsBefore = statements.get();
        long connectionsBefore = connections.get();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("steady state, %d instances, heartbeat %d s: %.1f statements/s, %.1f connections/s at the registry%n",
                VERSIONS, HEARTBEAT_SECONDS, (statements.get() - statementsBefore) / elapsed,
                (connections.get() - connectionsBefore) / elapsed);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        parser.shutdown();
    }

    private static void precheck(String url) throws SQLException {
        String query = "SELECT app, version, live_instances FROM driftguard.live_usage WHERE table_schema = 'public'"
                + " AND table_name = ? AND column_name IN (?, '*')";
        long[] micros = new long[200];
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement precheck = connection.prepareStatement(query)) {
            for (int i = 0; i < micros.length; i++) {
                int column = 1 + (i * 7919) % COLUMNS;
                precheck.setString(1, "t" + (column % 250));
                precheck.setString(2, "c" + column);
                long start = System.nanoTime();
                int rows = 0;
                try (ResultSet result = precheck.executeQuery()) {
                    while (result.next()) {
                        rows++;
                    }
                }
                micros[i] = (System.nanoTime() - start) / 1000;
                if (rows != VERSIONS) {
                    throw new IllegalStateException("precheck found " + rows + " live versions, expected " + VERSIONS);
                }
            }
        }
        Arrays.sort(micros);
        System.out.printf("precheck query on %,d usage rows, %d live versions in each answer: median %.2f ms, "
                + "p95 %.2f ms, max %.2f ms%n", (long) VERSIONS * COLUMNS, VERSIONS, micros[micros.length / 2] / 1000.0, micros[micros.length * 95 / 100] / 1000.0,
                micros[micros.length - 1] / 1000.0);
    }
}
